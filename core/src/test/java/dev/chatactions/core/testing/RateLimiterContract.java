package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} promises: {@code perMinute} permits at once, then one every
 * {@code 60 / perMinute} seconds, per key, and no permit handed out twice when many take at once.
 * Extend it with a fresh, empty limiter per call.
 */
public abstract class RateLimiterContract {

    protected final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private RateLimiter limiter;

    /** A fresh limiter with no buckets, reading {@code clock}. */
    protected abstract RateLimiter limiter(Clock clock, int perMinute);

    @BeforeEach
    void freshLimiter() {
        limiter = limiter(clock, 30);
    }

    @Test
    void thirty_actions_pass_then_the_next_waits_two_seconds() {
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.acquire("alice")).as("action %d", i).isEmpty();
        }
        assertThat(limiter.acquire("alice")).hasValue(2);
    }

    @Test
    void tokens_come_back_with_time_and_users_do_not_share_a_bucket() {
        for (int i = 0; i < 30; i++) {
            limiter.acquire("alice");
        }
        assertThat(limiter.acquire("bob")).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.acquire("alice")).isEmpty();
        assertThat(limiter.acquire("alice")).isPresent();
    }

    @Test
    void a_bucket_left_alone_for_a_minute_is_full_again_and_no_fuller() {
        for (int i = 0; i < 30; i++) {
            limiter.acquire("alice");
        }
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.acquire("alice")).as("action %d", i).isEmpty();
        }
        assertThat(limiter.acquire("alice")).hasValue(2);
    }

    @Test
    void of_fifty_threads_taking_at_once_exactly_thirty_get_a_permit() throws Exception {
        List<OptionalLong> results = Concurrently.run(50, () -> limiter.acquire("alice"));

        assertThat(results).filteredOn(OptionalLong::isEmpty).hasSize(30);
    }
}
