package dev.chatactions.app.cli;

import dev.chatactions.adapter.forgejo.ForgeSettings;
import dev.chatactions.adapter.woodpecker.CiSettings;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.policy.PolicySettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings the command line reads from the environment (with the server's names): the
 * adapters' own settings, each read by its type, and the history directory.
 *
 * @param forge the forge and its token; empty without {@code FORGE_URL}
 * @param ci the CI server and its token; empty when {@code WOODPECKER_SERVER} is not set
 * @param defaultRepo {@code FORGE_OWNER/FORGE_REPO}; {@link ForgeSettings#DRY_RUN_REPO} when unset
 * @param historyDir {@code CHAT_HISTORY_DIR}, default {@code ./chat-history}
 */
public record CliConfig(Optional<ForgeSettings> forge, Optional<CiSettings> ci, RepoRef defaultRepo, String historyDir) {

    /** Checks that every component is present. */
    public CliConfig {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(defaultRepo, "defaultRepo");
        Objects.requireNonNull(historyDir, "historyDir");
    }

    /** The policy the server runs with the same settings ({@link PolicySettings#forDeployment}). */
    public PolicySettings policySettings() {
        return PolicySettings.forDeployment(defaultRepo, forge.isPresent(), ci.isPresent());
    }

    /**
     * Reads the command line's settings from {@code env}.
     *
     * @throws ConfigurationException naming the first missing or malformed variable, in one line that never shows a secret
     */
    public static CliConfig fromEnvironment(Map<String, String> env) {
        EnvironmentVariables vars = new EnvironmentVariables(env);
        String historyDir = vars.get("CHAT_HISTORY_DIR").orElse("./chat-history");
        return new CliConfig(ForgeSettings.fromEnvironment(vars), CiSettings.fromEnvironment(vars),
                ForgeSettings.defaultRepo(vars), historyDir);
    }
}
