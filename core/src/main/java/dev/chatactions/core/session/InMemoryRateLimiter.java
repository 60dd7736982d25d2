package dev.chatactions.core.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets in this process's memory: the default for one server. */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perMinute;

    public InMemoryRateLimiter(Clock clock, int perMinute) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.perMinute = TokenBucket.rate(perMinute);
    }

    @Override
    public OptionalLong acquire(String key) {
        Instant now = clock.instant();
        long[] waitSeconds = {0};
        buckets.compute(key, (name, bucket) -> {
            TokenBucket.Take take = bucket == null ? TokenBucket.first(now, perMinute) : bucket.take(now, perMinute);
            waitSeconds[0] = take.waitSeconds();
            return take.after();
        });
        return waitSeconds[0] == 0 ? OptionalLong.empty() : OptionalLong.of(waitSeconds[0]);
    }
}
