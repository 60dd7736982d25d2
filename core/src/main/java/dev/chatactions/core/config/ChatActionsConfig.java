package dev.chatactions.core.config;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.policy.PolicySettings;
import dev.chatactions.core.service.UserName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment's settings, read from the environment with the names of DESIGN.md
 * "Configuration". Pure: it reads the map it is given and touches no file. Without
 * {@code FORGE_URL} the apps run in dry-run mode and send nothing.
 *
 * @param forge the forge and its token; empty in dry-run mode
 * @param ci the CI server and its token; empty when {@code WOODPECKER_SERVER} is not set
 * @param oauth the chat login's OAuth2 application; empty when {@code CHAT_OAUTH_CLIENT_ID} is not set
 * @param defaultRepo {@code FORGE_OWNER/FORGE_REPO}; {@link #DRY_RUN_REPO} in dry-run mode when unset
 * @param historyDir {@code CHAT_HISTORY_DIR}, default {@code ./chat-history} (a path the history adapter resolves)
 * @param host {@code CHAT_HOST}, default {@code 127.0.0.1}
 * @param port {@code CHAT_PORT}, default 8080
 * @param publicUrl {@code CHAT_PUBLIC_URL}, default {@code http://CHAT_HOST:CHAT_PORT}
 * @param allowedUsers {@code DISINTO_CHAT_ALLOWED_USERS}: comma-separated forge logins
 * @param forwardAuthSecret {@code FORWARD_AUTH_SECRET}, empty when unset
 */
public record ChatActionsConfig(
        Optional<ForgeSettings> forge,
        Optional<CiSettings> ci,
        Optional<OAuthSettings> oauth,
        RepoRef defaultRepo,
        String historyDir,
        String host,
        int port,
        URI publicUrl,
        Set<String> allowedUsers,
        Optional<Secret> forwardAuthSecret) {

    /** The repository dry-run mode names when {@code FORGE_OWNER/FORGE_REPO} are not set. */
    public static final RepoRef DRY_RUN_REPO = new RepoRef("demo", "playground");

    /** Checks the required components and copies the user list. */
    public ChatActionsConfig {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(oauth, "oauth");
        Objects.requireNonNull(defaultRepo, "defaultRepo");
        Objects.requireNonNull(historyDir, "historyDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(publicUrl, "publicUrl");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(forwardAuthSecret, "forwardAuthSecret");
    }

    /**
     * Whether no forge is configured: actions are checked and recorded, nothing is sent.
     *
     * @return true in dry-run mode
     */
    public boolean dryRun() {
        return forge.isEmpty();
    }

    /**
     * The policy this deployment runs: every action type on the configured repository, except
     * {@code ci-run} when live without a CI server (it is then denied as switched off).
     *
     * @return the policy's settings
     */
    public PolicySettings policySettings() {
        Set<ActionType> enabled = EnumSet.allOf(ActionType.class);
        if (!dryRun() && ci.isEmpty()) {
            enabled.remove(ActionType.CI_RUN);
        }
        return new PolicySettings(defaultRepo, Set.of(), enabled);
    }

    /** Where upstream URLs may link to: the forge and the CI server (none in a dry run). */
    public LinkTargets linkTargets() {
        List<URI> roots = new ArrayList<>();
        forge.ifPresent(settings -> roots.add(settings.url()));
        ci.ifPresent(settings -> roots.add(settings.server()));
        return LinkTargets.to(roots);
    }

    /**
     * Reads every setting from {@code env} (typically {@code System.getenv()}).
     *
     * @param env variable names to values
     * @return the settings
     * @throws ConfigurationException naming the first missing or malformed variable, in one line that never shows a secret
     */
    public static ChatActionsConfig fromEnvironment(Map<String, String> env) {
        Environment vars = new Environment(env);
        try {
            String host = vars.get("CHAT_HOST").orElse("127.0.0.1");
            int port = vars.port("CHAT_PORT", 8080);
            URI publicUrl = vars.url("CHAT_PUBLIC_URL").orElseGet(() -> defaultPublicUrl(host, port));
            if (!publicUrl.getRawPath().isEmpty()) {
                throw new ConfigurationException("CHAT_PUBLIC_URL must be the server's root (no path), like https://chat.example");
            }
            String historyDir = vars.get("CHAT_HISTORY_DIR").orElse("./chat-history");
            Optional<URI> forgeUrl = vars.url("FORGE_URL");
            Optional<RepoRef> repo = vars.repo();
            Optional<ForgeSettings> forge = forgeUrl.map(url -> new ForgeSettings(url, vars.secret("FORGE_TOKEN"),
                    repo.orElseThrow(() -> new ConfigurationException("FORGE_OWNER and FORGE_REPO must be set when FORGE_URL is set"))));
            Optional<Secret> forwardAuthSecret = vars.get("FORWARD_AUTH_SECRET").map(set -> vars.secret("FORWARD_AUTH_SECRET"));
            return new ChatActionsConfig(forge, ci(vars), oauth(vars, forgeUrl), repo.orElse(DRY_RUN_REPO), historyDir,
                    host, port, publicUrl, vars.users("DISINTO_CHAT_ALLOWED_USERS"), forwardAuthSecret);
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // The settings records' own checks: their messages already name the variable.
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static Optional<CiSettings> ci(Environment vars) {
        Optional<URI> server = vars.url("WOODPECKER_SERVER");
        if (server.isEmpty()) {
            for (String dependent : new String[] {"WOODPECKER_TOKEN", "WOODPECKER_REPO_ID"}) {
                if (vars.get(dependent).isPresent()) {
                    throw new ConfigurationException(dependent + " is set but WOODPECKER_SERVER is not");
                }
            }
            return Optional.empty();
        }
        Long repoId = vars.get("WOODPECKER_REPO_ID").map(id -> vars.positiveLong("WOODPECKER_REPO_ID", id)).orElse(null);
        return Optional.of(new CiSettings(server.get(), vars.secret("WOODPECKER_TOKEN"), repoId));
    }

    private static Optional<OAuthSettings> oauth(Environment vars, Optional<URI> forgeUrl) {
        Optional<String> clientId = vars.get("CHAT_OAUTH_CLIENT_ID");
        if (clientId.isEmpty()) {
            if (vars.get("CHAT_OAUTH_CLIENT_SECRET").isPresent()) {
                throw new ConfigurationException("CHAT_OAUTH_CLIENT_SECRET is set but CHAT_OAUTH_CLIENT_ID is not");
            }
            return Optional.empty();
        }
        if (forgeUrl.isEmpty()) {
            throw new ConfigurationException("CHAT_OAUTH_CLIENT_ID is set but FORGE_URL is not (the login goes through the forge)");
        }
        return Optional.of(new OAuthSettings(forgeUrl.get(), clientId.get(), vars.secret("CHAT_OAUTH_CLIENT_SECRET")));
    }

    /** {@code http://CHAT_HOST:CHAT_PORT}, with a wildcard address shown as loopback. */
    private static URI defaultPublicUrl(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port);
    }

    /** Lookups that turn every problem into one line naming the variable; a secret's value never appears. */
    private static final class Environment {
        private final Map<String, String> env;

        Environment(Map<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
        }

        /** The trimmed value; empty when unset or blank. */
        Optional<String> get(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        Secret secret(String name) {
            return Secret.of(env.get(name), name);
        }

        int port(String name, int fallback) {
            return get(name).map(text -> {
                // Not 0: browsers and the OAuth redirect need the real port in CHAT_PUBLIC_URL.
                if (text.matches("[0-9]{1,5}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535) {
                    return Integer.parseInt(text);
                }
                throw new ConfigurationException(name + " must be a port number 1-65535, got \"" + shorten(text) + "\"");
            }).orElse(fallback);
        }

        long positiveLong(String name, String text) {
            if (text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0) {
                return Long.parseLong(text);
            }
            throw new ConfigurationException(name + " must be a positive number, got \"" + shorten(text) + "\"");
        }

        Optional<URI> url(String name) {
            return get(name).map(text -> {
                try {
                    return SettingChecks.baseUrl(new URI(text), name);
                } catch (URISyntaxException e) {
                    throw new ConfigurationException(name + " must be an absolute http(s) URL, like https://forge.example");
                }
            });
        }

        Optional<RepoRef> repo() {
            Optional<String> owner = get("FORGE_OWNER");
            Optional<String> name = get("FORGE_REPO");
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
                        + shorten(fullName) + "\"");
            }
            return Optional.of(RepoRef.parse(fullName));
        }

        Set<String> users(String name) {
            Set<String> users = new LinkedHashSet<>();
            get(name).ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                    .forEach(user -> {
                        try {
                            users.add(new UserName(user).value());
                        } catch (IllegalArgumentException e) {
                            throw new ConfigurationException(name + " lists \"" + shorten(user)
                                    + "\", which is not a user name (1-64 of A-Z a-z 0-9 . _ -)");
                        }
                    }));
            return users;
        }

        private static String shorten(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }
}
