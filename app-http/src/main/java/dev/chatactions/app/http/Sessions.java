package dev.chatactions.app.http;

import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SessionStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-side sessions as the browser sees them: the cookie carries only the random id; the user
 * stays in the {@link SessionStore} (this process's memory, or a database shared by several
 * servers), which also applies the lifetime and the caps.
 */
final class Sessions {

    static final String COOKIE = "chat_session";

    private final SessionStore store;
    private final boolean secureCookie;

    /**
     * @param secureCookie true when the public URL is https: the cookie then carries {@code Secure}
     */
    Sessions(SessionStore store, boolean secureCookie) {
        this.store = Objects.requireNonNull(store, "store");
        this.secureCookie = secureCookie;
    }

    Session start(String user) {
        return store.start(user);
    }

    Optional<Session> find(String id) {
        return store.find(id);
    }

    void end(Session session) {
        store.end(session);
    }

    /** The {@code Set-Cookie} value that hands {@code session} to the browser. */
    String cookie(Session session) {
        return cookie(session.id(), store.lifetime().toSeconds());
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
