package dev.chatactions.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-side sessions: the cookie carries only a random id; the user and the CSRF token stay
 * here. Sessions end at their expiry or at logout, and are gone after a restart (sign in again).
 * A person's sign-in never fails for want of room: over {@link #PER_USER} that user's oldest
 * session ends, over {@link #CAPACITY} the oldest of all.
 */
final class Sessions {

    static final String COOKIE = "chat_session";
    /** Sessions one user may hold (browsers and devices); a further sign-in ends the oldest. */
    static final int PER_USER = 16;
    /** Sessions kept at most. */
    static final int CAPACITY = 10_000;

    /** A signed-in person. */
    record Session(String id, String user, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[user=" + user + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final CappedTable<Session> byId = new CappedTable<>(PER_USER, CAPACITY);
    private final Clock clock;
    private final Duration lifetime;
    private final boolean secureCookie;

    /**
     * @param secureCookie true when the public URL is https: the cookie then carries {@code Secure}
     */
    Sessions(Clock clock, Duration lifetime, boolean secureCookie) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.secureCookie = secureCookie;
    }

    Session start(String user) {
        Instant now = clock.instant();
        Session session = new Session(Tokens.random256(), user, Tokens.random256(), now.plus(lifetime));
        byId.put(session.id(), user, session, session.expiresAt(), now);
        return session;
    }

    Optional<Session> find(String id) {
        return id == null ? Optional.empty() : byId.get(id, clock.instant());
    }

    void end(Session session) {
        byId.take(session.id(), clock.instant());
    }

    /** The {@code Set-Cookie} value that hands {@code session} to the browser. */
    String cookie(Session session) {
        return cookie(session.id(), lifetime.toSeconds());
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session. */
    String clearingCookie() {
        return cookie("", 0);
    }

    private String cookie(String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=/chat; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secureCookie ? "; Secure" : "");
    }
}
