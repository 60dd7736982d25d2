package dev.chatactions.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Random tokens that each stand for a value, can be redeemed once, and expire: OAuth {@code state}
 * (standing for the PKCE verifier, owned by the client that started the sign-in) and the dry-run
 * one-time login link (standing for the user, issued by the server itself). Issuing never fails:
 * over a cap the oldest pending token goes (see {@link CappedTable}).
 */
final class SingleUseTokens<V> {

    /** Unredeemed tokens kept at most, so that a flood of sign-in starts cannot fill the memory. */
    static final int CAPACITY = 10_000;
    /** Unredeemed tokens one client may hold: a person needs one or two tabs, not more. */
    static final int PER_CLIENT = 16;
    /** The owner of tokens the server issues on its own (the dry-run login link). */
    static final String SERVER = "server";

    private final CappedTable<V> pending;
    private final Clock clock;
    private final Duration lifetime;

    SingleUseTokens(Clock clock, Duration lifetime, int perOwner) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.pending = new CappedTable<>(perOwner, CAPACITY);
    }

    /** A new token for {@code value}, issued by the server itself. */
    String issue(V value) {
        return issue(SERVER, value);
    }

    /** A new token standing for {@code value}, held by {@code owner} (a client address). */
    String issue(String owner, V value) {
        Instant now = clock.instant();
        String token = Tokens.random256();
        pending.put(token, Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(value, "value"), now.plus(lifetime), now);
        return token;
    }

    /** The value of {@code token} if it was issued, not yet redeemed and not expired; it cannot be redeemed again. */
    Optional<V> redeem(String token) {
        return token == null ? Optional.empty() : pending.take(token, clock.instant());
    }
}
