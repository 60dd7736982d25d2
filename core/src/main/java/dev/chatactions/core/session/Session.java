package dev.chatactions.core.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in person. The id is what the browser's cookie carries; the CSRF token is derived from
 * it, so a store needs to keep neither (only the id's digest) and a copy of the store signs nobody in.
 */
public record Session(String id, String user, String csrfToken, Instant expiresAt) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A new session for {@code user} with a fresh random id. */
    public static Session start(String user, Instant expiresAt) {
        return of(SecretTokens.random256(), user, expiresAt);
    }

    /** The session named by {@code id} (its CSRF token follows from the id). */
    public static Session of(String id, String user, Instant expiresAt) {
        return new Session(id, user, SecretTokens.derived("chat-actions csrf", id), expiresAt);
    }

    @Override
    public String toString() {
        return "Session[user=" + user + ", expiresAt=" + expiresAt + "]";
    }
}
