package dev.chatactions.adapter.woodpecker;

import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.config.SettingChecks;
import java.net.URI;
import java.util.Optional;

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

    /**
     * Reads {@code WOODPECKER_SERVER}, {@code WOODPECKER_TOKEN} and {@code WOODPECKER_REPO_ID}.
     *
     * @param vars the environment
     * @return the CI server; empty without {@code WOODPECKER_SERVER}
     * @throws ConfigurationException naming the first missing or malformed variable
     */
    public static Optional<CiSettings> fromEnvironment(EnvironmentVariables vars) {
        Optional<URI> server = vars.url("WOODPECKER_SERVER");
        if (server.isEmpty()) {
            vars.requireWith("WOODPECKER_TOKEN", "WOODPECKER_SERVER");
            vars.requireWith("WOODPECKER_REPO_ID", "WOODPECKER_SERVER");
            return Optional.empty();
        }
        Long repoId = vars.positiveLong("WOODPECKER_REPO_ID").orElse(null);
        return Optional.of(new CiSettings(server.get(), vars.secret("WOODPECKER_TOKEN"), repoId));
    }
}
