package dev.chatactions.app.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user token bucket: {@code perMinute} actions a minute, refilled continuously, bursts up to
 * {@code perMinute}. A refusal says how many seconds to wait.
 */
final class RateLimiter {

    private record Bucket(double tokens, Instant at) {}

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perMinute;

    RateLimiter(Clock clock, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 action a minute");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.perMinute = perMinute;
    }

    /** Empty when {@code user} may act now (and takes one token), else the seconds until the next token. */
    OptionalLong acquire(String user) {
        Instant now = clock.instant();
        long[] waitSeconds = {0};
        buckets.compute(user, (name, bucket) -> {
            double tokens = bucket == null ? perMinute : refilled(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            double secondsPerToken = 60.0 / perMinute;
            waitSeconds[0] = Math.max(1, (long) Math.ceil((1 - tokens) * secondsPerToken));
            return new Bucket(tokens, now);
        });
        return waitSeconds[0] == 0 ? OptionalLong.empty() : OptionalLong.of(waitSeconds[0]);
    }

    private double refilled(Bucket bucket, Instant now) {
        double elapsedMinutes = Math.max(0, Duration.between(bucket.at(), now).toNanos()) / 60e9;
        return Math.min(perMinute, bucket.tokens() + elapsedMinutes * perMinute);
    }
}
