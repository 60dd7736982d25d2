package dev.chatactions.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random tokens that each stand for a value, can be redeemed once, and expire: OAuth {@code state}
 * (standing for the PKCE verifier) and the dry-run one-time login link (standing for the user).
 */
final class SingleUseTokens<V> {

    /** Unredeemed tokens kept at most, so that a flood of sign-in starts cannot fill the memory. */
    static final int CAPACITY = 10_000;

    private record Pending<V>(V value, Instant expiresAt) {}

    private final Map<String, Pending<V>> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    SingleUseTokens(Clock clock, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A new token standing for {@code value}. */
    String issue(V value) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
        if (pending.size() >= CAPACITY) {
            throw new HttpProblem(503, "busy", "Too many sign-ins in progress", "too many sign-ins in progress; try again in a minute");
        }
        String token = Tokens.random256();
        pending.put(token, new Pending<>(Objects.requireNonNull(value, "value"), now.plus(lifetime)));
        return token;
    }

    /** The value of {@code token} if it was issued, not yet redeemed and not expired; it cannot be redeemed again. */
    Optional<V> redeem(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Pending<V> found = pending.remove(token);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found.value());
    }
}
