package dev.chatactions.core.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Sessions in this process's memory: the default for one server; a restart signs everybody out. */
public final class InMemorySessionStore implements SessionStore {

    private final CappedTable<Session> byId;
    private final Clock clock;
    private final Duration lifetime;

    public InMemorySessionStore(Clock clock, Duration lifetime) {
        this(clock, SessionStore.retention(lifetime));
    }

    public InMemorySessionStore(Clock clock, Retention retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = retention.lifetime();
        this.byId = new CappedTable<>(retention);
    }

    @Override
    public Duration lifetime() {
        return lifetime;
    }

    @Override
    public Session start(String user) {
        Instant now = clock.instant();
        Session session = Session.start(user, now.plus(lifetime));
        byId.put(session.id(), user, session, session.expiresAt(), now);
        return session;
    }

    @Override
    public Optional<Session> find(String id) {
        return id == null ? Optional.empty() : byId.get(id, clock.instant());
    }

    @Override
    public void end(Session session) {
        byId.take(session.id(), clock.instant());
    }
}
