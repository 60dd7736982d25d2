package dev.chatactions.app.http;

import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the HTTP edge needs to know.
 *
 * @param publicUrl {@code CHAT_PUBLIC_URL}: the address browsers use (OAuth redirect, {@code Origin} check)
 * @param allowedUsers {@code DISINTO_CHAT_ALLOWED_USERS}: forge logins admitted after OAuth
 * @param forwardAuthSecret {@code FORWARD_AUTH_SECRET}, or null when {@code /chat/auth/verify} needs none
 * @param actionsPerMinute {@code CHAT_ACTIONS_PER_MINUTE}: per-user rate limit on actions
 * @param sessionLifetime how long a session lasts after sign-in
 * @param trustedProxies {@code CHAT_TRUSTED_PROXIES}: addresses of reverse proxies whose {@code X-Forwarded-For}
 *     names the client; from anyone else the header is ignored
 */
record HttpSettings(URI publicUrl, Set<String> allowedUsers, Secret forwardAuthSecret, int actionsPerMinute,
        Duration sessionLifetime, Set<String> trustedProxies) {

    static final long MAX_BODY_BYTES = 256 * 1024;
    static final int DEFAULT_ACTIONS_PER_MINUTE = 30;
    static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(12);

    HttpSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        trustedProxies = Set.copyOf(trustedProxies);
    }

    /** Settings behind no trusted proxy. */
    HttpSettings(URI publicUrl, Set<String> allowedUsers, Secret forwardAuthSecret, int actionsPerMinute, Duration sessionLifetime) {
        this(publicUrl, allowedUsers, forwardAuthSecret, actionsPerMinute, sessionLifetime, Set.of());
    }

    /**
     * The HTTP settings of {@code config}, plus {@code CHAT_ACTIONS_PER_MINUTE} from {@code env}. Refuses what
     * the server cannot run with: dry-run mode on a non-loopback address, a live forge without OAuth
     * login or without allowed users.
     */
    static HttpSettings from(ServerConfig config, Map<String, String> env) {
        if (config.dryRun() && !isLoopback(config.host())) {
            throw new ConfigurationException("CHAT_HOST=" + config.host() + " is not a loopback address: without FORGE_URL"
                    + " (dry-run mode) the server listens on loopback only; use CHAT_HOST=127.0.0.1 or set FORGE_URL");
        }
        if (!config.dryRun() && config.oauth().isEmpty()) {
            throw new ConfigurationException("CHAT_OAUTH_CLIENT_ID and CHAT_OAUTH_CLIENT_SECRET must be set when FORGE_URL"
                    + " is set (people sign in through the forge)");
        }
        if (!config.dryRun() && config.allowedUsers().isEmpty()) {
            throw new ConfigurationException("DISINTO_CHAT_ALLOWED_USERS must name at least one forge user when FORGE_URL is set");
        }
        return new HttpSettings(config.publicUrl(), config.allowedUsers(), config.forwardAuthSecret().orElse(null),
                actionsPerMinute(env.get("CHAT_ACTIONS_PER_MINUTE")), DEFAULT_SESSION_LIFETIME,
                trustedProxies(env.get("CHAT_TRUSTED_PROXIES")));
    }

    /** Literal IP addresses only, so that no name lookup decides whom to trust. */
    private static Set<String> trustedProxies(String text) {
        Set<String> proxies = new LinkedHashSet<>();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            String address = entry.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (!ClientAddress.isLiteral(address)) {
                throw new ConfigurationException("CHAT_TRUSTED_PROXIES must list IP addresses separated by commas, got \""
                        + address + "\"");
            }
            proxies.add(ClientAddress.normalised(address));
        }
        return proxies;
    }

    private static int actionsPerMinute(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_ACTIONS_PER_MINUTE;
        }
        try {
            int perMinute = Integer.parseInt(text.strip());
            if (perMinute >= 1) {
                return perMinute;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("CHAT_ACTIONS_PER_MINUTE must be a whole number of at least 1, got \"" + text.strip() + "\"");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code scheme://host[:port]} of the public URL, as browsers send it in {@code Origin}. */
    String origin() {
        String scheme = publicUrl.getScheme().toLowerCase(Locale.ROOT);
        int port = publicUrl.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + publicUrl.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    boolean secureCookies() {
        return "https".equalsIgnoreCase(publicUrl.getScheme());
    }

    /** {@code path} (absolute, e.g. {@code /chat/oauth/callback}) under the public URL. */
    URI publicPath(String path) {
        String base = publicUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
