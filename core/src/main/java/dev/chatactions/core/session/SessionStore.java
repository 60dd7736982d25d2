package dev.chatactions.core.session;

import java.time.Duration;
import java.util.Optional;

/**
 * Where sessions live: in memory by default, or in a database shared by several servers. A session
 * ends at its expiry or when it is ended; an ended or expired session is never found again.
 */
public interface SessionStore {

    /** Sessions one user may hold (browsers and devices); a further sign-in ends the oldest. */
    int PER_USER = 16;
    /** Sessions kept at most. */
    int CAPACITY = 10_000;

    /** The caps every store applies to sessions that last {@code lifetime}. */
    static Retention retention(Duration lifetime) {
        return new Retention(lifetime, PER_USER, CAPACITY);
    }

    /** How long a session lasts from its start. */
    Duration lifetime();

    /** A new session for {@code user}; never fails for want of room (see {@link Retention}). */
    Session start(String user);

    /** The live session with this id; empty for null, unknown, ended or expired ids. */
    Optional<Session> find(String id);

    /** Ends {@code session} (sign-out): it is not found again, here or on any server sharing the store. */
    void end(Session session);
}
