package dev.chatactions.core.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One key's token bucket: {@code perMinute} permits a minute, refilled continuously, bursts up to
 * {@code perMinute}. A missing bucket is a full one, and so is any bucket untouched for a minute.
 */
public record TokenBucket(double tokens, Instant at) {

    /** What taking a permit did: the bucket to keep, and 0 when granted, else the seconds to wait. */
    public record Take(TokenBucket after, long waitSeconds) {
        public boolean granted() {
            return waitSeconds == 0;
        }
    }

    public TokenBucket {
        Objects.requireNonNull(at, "at");
    }

    /** A permit from a key that has no bucket yet. */
    public static Take first(Instant now, int perMinute) {
        return new TokenBucket(perMinute, now).take(now, perMinute);
    }

    /** {@code perMinute}, checked to be a usable rate. */
    public static int rate(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("the rate limit must be at least 1 action a minute");
        }
        return perMinute;
    }

    /** Takes one permit at {@code now} if there is one. */
    public Take take(Instant now, int perMinute) {
        double elapsedMinutes = Math.max(0, Duration.between(at, now).toNanos()) / 60e9;
        double refilled = Math.min(perMinute, tokens + elapsedMinutes * perMinute);
        if (refilled >= 1) {
            return new Take(new TokenBucket(refilled - 1, now), 0);
        }
        double secondsPerToken = 60.0 / perMinute;
        return new Take(new TokenBucket(refilled, now), Math.max(1, (long) Math.ceil((1 - refilled) * secondsPerToken)));
    }
}
