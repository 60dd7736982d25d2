package dev.chatactions.core.upstream;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long to wait before repeating a request that is safe to repeat.
 *
 * @param maxAttempts attempts in all, the first included
 * @param backoff wait before the second attempt; doubled for each further one
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one ends the retries
 * @param sleeper how to wait
 * @param clock for {@code Retry-After} given as a date
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxRetryAfter, Sleeper sleeper, Clock clock) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10), Sleeper.REAL, Clock.systemUTC());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
    }

    /** The wait before attempt {@code attempt + 1} when the upstream did not say how long. */
    Duration backoffAfter(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
    }
}
