package dev.chatactions.app.http;

import dev.chatactions.adapter.forgejo.ForgeSettings;
import dev.chatactions.adapter.forgejo.OAuthSettings;
import dev.chatactions.adapter.postgres.DatabaseSettings;
import dev.chatactions.adapter.woodpecker.CiSettings;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.policy.PolicySettings;
import dev.chatactions.core.service.LedgerRetention;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The server's settings, read from the environment with the names of DESIGN.md "Configuration":
 * the adapters' own settings (each read by its type) and the server's. Without {@code FORGE_URL}
 * the server runs in dry-run mode and sends nothing.
 *
 * @param forge the forge and its token; empty in dry-run mode
 * @param ci the CI server and its token; empty when {@code WOODPECKER_SERVER} is not set
 * @param oauth the chat login's OAuth2 application; empty when {@code CHAT_OAUTH_CLIENT_ID} is not set
 * @param database the shared PostgreSQL store; empty when {@code CHAT_DATABASE_URL} is not set (the files and memory serve)
 * @param defaultRepo {@code FORGE_OWNER/FORGE_REPO}; {@link ForgeSettings#DRY_RUN_REPO} in dry-run mode when unset
 * @param historyDir {@code CHAT_HISTORY_DIR}, default {@code ./chat-history}
 * @param host {@code CHAT_HOST}, default {@code 127.0.0.1}
 * @param port {@code CHAT_PORT}, default 8080
 * @param publicUrl {@code CHAT_PUBLIC_URL}, default {@code http://CHAT_HOST:CHAT_PORT}
 * @param allowedUsers {@code DISINTO_CHAT_ALLOWED_USERS}: comma-separated forge logins
 * @param forwardAuthSecret {@code FORWARD_AUTH_SECRET}, empty when unset
 * @param ledgerRetention {@code CHAT_LEDGER_RETENTION} (ISO-8601, e.g. {@code PT12H}), default a day: how long
 *     settled keys and proposals stay in memory; older ones are read back from the history when they come again
 */
record ServerConfig(
        Optional<ForgeSettings> forge,
        Optional<CiSettings> ci,
        Optional<OAuthSettings> oauth,
        Optional<DatabaseSettings> database,
        RepoRef defaultRepo,
        String historyDir,
        String host,
        int port,
        URI publicUrl,
        Set<String> allowedUsers,
        Optional<Secret> forwardAuthSecret,
        LedgerRetention ledgerRetention) {

    ServerConfig {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(oauth, "oauth");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(defaultRepo, "defaultRepo");
        Objects.requireNonNull(historyDir, "historyDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicUrl, "publicUrl");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(forwardAuthSecret, "forwardAuthSecret");
        Objects.requireNonNull(ledgerRetention, "ledgerRetention");
    }

    /** Whether no forge is configured: actions are checked and recorded, nothing is sent. */
    boolean dryRun() {
        return forge.isEmpty();
    }

    /** The policy this deployment runs ({@link PolicySettings#forDeployment}). */
    PolicySettings policySettings() {
        return PolicySettings.forDeployment(defaultRepo, !dryRun(), ci.isPresent());
    }

    /** Where upstream URLs may link to: the forge and the CI server (none in a dry run). */
    LinkTargets linkTargets() {
        List<URI> roots = new ArrayList<>();
        forge.ifPresent(settings -> roots.add(settings.url()));
        ci.ifPresent(settings -> roots.add(settings.server()));
        return LinkTargets.to(roots);
    }

    /**
     * Reads every setting from {@code env} (typically {@code System.getenv()}).
     *
     * @throws ConfigurationException naming the first missing or malformed variable, in one line that never shows a secret
     */
    static ServerConfig fromEnvironment(Map<String, String> env) {
        EnvironmentVariables vars = new EnvironmentVariables(env);
        String host = vars.get("CHAT_HOST").orElse("127.0.0.1");
        int port = vars.port("CHAT_PORT", 8080);
        URI publicUrl = vars.url("CHAT_PUBLIC_URL").orElseGet(() -> defaultPublicUrl(host, port));
        if (!publicUrl.getRawPath().isEmpty()) {
            throw new ConfigurationException("CHAT_PUBLIC_URL must be the server's root (no path), like https://chat.example");
        }
        String historyDir = vars.get("CHAT_HISTORY_DIR").orElse("./chat-history");
        Optional<ForgeSettings> forge = ForgeSettings.fromEnvironment(vars);
        Optional<Secret> forwardAuthSecret = vars.get("FORWARD_AUTH_SECRET").map(set -> vars.secret("FORWARD_AUTH_SECRET"));
        return new ServerConfig(forge, CiSettings.fromEnvironment(vars), OAuthSettings.fromEnvironment(vars, forge),
                DatabaseSettings.fromEnvironment(vars), ForgeSettings.defaultRepo(vars), historyDir, host, port, publicUrl, vars.users("DISINTO_CHAT_ALLOWED_USERS"),
                forwardAuthSecret, ledgerRetention(vars));
    }

    private static LedgerRetention ledgerRetention(EnvironmentVariables vars) {
        Optional<String> text = vars.get("CHAT_LEDGER_RETENTION");
        if (text.isEmpty()) {
            return LedgerRetention.of(LedgerRetention.DEFAULT_WINDOW);
        }
        try {
            Duration window = Duration.parse(text.get());
            if (!window.isNegative() && !window.isZero()) {
                return LedgerRetention.of(window);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ConfigurationException("CHAT_LEDGER_RETENTION must be a positive ISO-8601 duration like PT12H or P7D, got \""
                + EnvironmentVariables.shorten(text.get()) + "\"");
    }

    /** {@code http://CHAT_HOST:CHAT_PORT}, with a wildcard address shown as loopback. */
    private static URI defaultPublicUrl(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port);
    }
}
