package dev.chatactions.core.config;

import dev.chatactions.core.action.RepoRef;
import java.net.URI;

/**
 * Where the forge is and how the backend authenticates to it.
 *
 * @param url {@code FORGE_URL}, the forge's root (the API is under {@code /api/v1})
 * @param token {@code FORGE_TOKEN}, a personal access token with write:issue, write:repository,
 *     read:organization
 * @param defaultRepo {@code FORGE_OWNER/FORGE_REPO}, the repository actions use when they name none
 */
public record ForgeSettings(URI url, Secret token, RepoRef defaultRepo) {

    /** Checks the URL and that token and repository are present. */
    public ForgeSettings {
        url = SettingChecks.baseUrl(url, "FORGE_URL");
        SettingChecks.required(token, "FORGE_TOKEN");
        SettingChecks.required(defaultRepo, "FORGE_OWNER/FORGE_REPO");
    }
}
