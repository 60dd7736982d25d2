package dev.chatactions.app.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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
 */
record HttpSettings(
        URI publicUrl, Set<String> allowedUsers, String forwardAuthSecret, int actionsPerMinute, Duration sessionLifetime) {

    static final long MAX_BODY_BYTES = 256 * 1024;
    static final int DEFAULT_ACTIONS_PER_MINUTE = 30;
    static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(12);

    HttpSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
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
