package dev.chatactions.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions: the cookie carries only a random id; the user and the CSRF token stay
 * here. Sessions end at their expiry or at logout, and are gone after a restart (sign in again).
 */
final class Sessions {

    static final String COOKIE = "chat_session";

    /** A signed-in person. */
    record Session(String id, String user, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[user=" + user + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
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
        byId.values().removeIf(s -> !s.expiresAt().isAfter(now));
        Session session = new Session(Tokens.random256(), user, Tokens.random256(), now.plus(lifetime));
        byId.put(session.id(), session);
        return session;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.expiresAt().isAfter(clock.instant())) {
            byId.remove(id, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void end(Session session) {
        byId.remove(session.id(), session);
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
