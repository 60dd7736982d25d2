package dev.chatactions.adapter.postgres;

import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sessions in PostgreSQL, shared by every server on the database: a sign-in through one is valid on
 * all, a sign-out on one ends it on all, and a restart signs nobody out. Only the SHA-256 of a
 * session id is stored (the CSRF token follows from the id), so a copy of the table signs nobody in.
 * A session expires by its row's {@code expires_at}: an expired row never answers, and rows are
 * deleted at the next sign-in after their expiry.
 */
public final class PostgresSessions implements SessionStore {

    private static final String KIND = "session";

    private final TokenTable table;
    private final Clock clock;

    PostgresSessions(DataSource pool, Clock clock, Retention retention) {
        this.table = new TokenTable(pool, KIND, retention);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Duration lifetime() {
        return table.retention().lifetime();
    }

    @Override
    public Session start(String user) {
        Instant now = clock.instant();
        Session session = Session.start(user, TokenTable.stored(now.plus(lifetime())));
        table.put(session.id(), user, user, session.expiresAt(), now);
        return session;
    }

    @Override
    public Optional<Session> find(String id) {
        return id == null ? Optional.empty()
                : table.get(id, clock.instant()).map(entry -> Session.of(id, entry.value(), entry.expiresAt()));
    }

    @Override
    public void end(Session session) {
        table.take(session.id(), clock.instant());
    }
}
