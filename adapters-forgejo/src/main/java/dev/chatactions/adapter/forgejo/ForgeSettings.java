package dev.chatactions.adapter.forgejo;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.config.SettingChecks;
import java.net.URI;
import java.util.Optional;

/**
 * Where the forge is and how the backend authenticates to it.
 *
 * @param url {@code FORGE_URL}, the forge's root (the API is under {@code /api/v1})
 * @param token {@code FORGE_TOKEN}, a personal access token with write:issue, write:repository,
 *     read:organization
 * @param defaultRepo {@code FORGE_OWNER/FORGE_REPO}, the repository actions use when they name none
 */
public record ForgeSettings(URI url, Secret token, RepoRef defaultRepo) {

    /** The repository dry-run mode names when {@code FORGE_OWNER/FORGE_REPO} are not set. */
    public static final RepoRef DRY_RUN_REPO = new RepoRef("demo", "playground");

    /** Checks the URL and that token and repository are present. */
    public ForgeSettings {
        url = SettingChecks.baseUrl(url, "FORGE_URL");
        SettingChecks.required(token, "FORGE_TOKEN");
        SettingChecks.required(defaultRepo, "FORGE_OWNER/FORGE_REPO");
    }

    /**
     * Reads {@code FORGE_URL}, {@code FORGE_TOKEN}, {@code FORGE_OWNER} and {@code FORGE_REPO}.
     *
     * @param vars the environment
     * @return the forge; empty without {@code FORGE_URL} (dry-run mode)
     * @throws ConfigurationException naming the first missing or malformed variable
     */
    public static Optional<ForgeSettings> fromEnvironment(EnvironmentVariables vars) {
        Optional<URI> url = vars.url("FORGE_URL");
        Optional<RepoRef> repo = repository(vars);
        return url.map(forge -> new ForgeSettings(forge, vars.secret("FORGE_TOKEN"),
                repo.orElseThrow(() -> new ConfigurationException("FORGE_OWNER and FORGE_REPO must be set when FORGE_URL is set"))));
    }

    /**
     * The repository actions use: {@code FORGE_OWNER/FORGE_REPO}, else {@link #DRY_RUN_REPO}.
     *
     * @param vars the environment
     * @return the repository
     * @throws ConfigurationException when only one of the two is set or they name no repository
     */
    public static RepoRef defaultRepo(EnvironmentVariables vars) {
        return repository(vars).orElse(DRY_RUN_REPO);
    }

    private static Optional<RepoRef> repository(EnvironmentVariables vars) {
        Optional<String> owner = vars.get("FORGE_OWNER");
        Optional<String> name = vars.get("FORGE_REPO");
        if (owner.isEmpty() && name.isEmpty()) {
            return Optional.empty();
        }
        if (owner.isEmpty() || name.isEmpty()) {
            throw new ConfigurationException("FORGE_OWNER and FORGE_REPO must be set together (only "
                    + (owner.isEmpty() ? "FORGE_REPO" : "FORGE_OWNER") + " is set)");
        }
        String fullName = owner.get() + "/" + name.get();
        if (!RepoRef.isValid(fullName)) {
            throw new ConfigurationException("FORGE_OWNER/FORGE_REPO must name a repository like factory/app, got \""
                    + EnvironmentVariables.shorten(fullName) + "\"");
        }
        return Optional.of(RepoRef.parse(fullName));
    }
}
