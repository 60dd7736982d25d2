package dev.chatactions.core.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Single-use tokens in this process's memory: the default for one server. */
public final class InMemorySingleUseTokens implements SingleUseTokens {

    private final CappedTable<String> pending;
    private final Clock clock;
    private final Retention retention;

    public InMemorySingleUseTokens(Clock clock, Retention retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.pending = new CappedTable<>(retention);
    }

    @Override
    public String issue(String owner, String value) {
        Instant now = clock.instant();
        String token = SecretTokens.random256();
        pending.put(token, Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(value, "value"),
                now.plus(retention.lifetime()), now);
        return token;
    }

    @Override
    public Optional<String> redeem(String token) {
        return token == null ? Optional.empty() : pending.take(token, clock.instant());
    }
}
