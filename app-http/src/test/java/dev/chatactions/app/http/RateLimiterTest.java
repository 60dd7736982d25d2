package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final RateLimiter limiter = new RateLimiter(clock, 30);

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
}
