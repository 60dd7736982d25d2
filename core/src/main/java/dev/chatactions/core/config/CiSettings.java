package dev.chatactions.core.config;

import java.net.URI;

/**
 * Where the CI server is and how the backend authenticates to it.
 *
 * @param server {@code WOODPECKER_SERVER}, the server's root (the API is under {@code /api})
 * @param token {@code WOODPECKER_TOKEN}, a personal access token of a user with push access
 * @param repoIdOverride {@code WOODPECKER_REPO_ID}: when set, every pipeline goes to this repository
 *     id and no lookup by name happens; null to look the id up
 */
public record CiSettings(URI server, Secret token, Long repoIdOverride) {

    /** Checks the server URL and the token, and that an override is positive. */
    public CiSettings {
        server = SettingChecks.baseUrl(server, "WOODPECKER_SERVER");
        SettingChecks.required(token, "WOODPECKER_TOKEN");
        if (repoIdOverride != null && repoIdOverride <= 0) {
            throw new IllegalArgumentException("WOODPECKER_REPO_ID must be a positive number");
        }
    }
}
