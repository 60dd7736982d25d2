package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SingleUseTokensTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final SingleUseTokens<String> tokens = new SingleUseTokens<>(clock, Duration.ofMinutes(10));

    @Test
    void a_token_redeems_its_value_once() {
        String token = tokens.issue("verifier-1");

        assertThat(tokens.redeem(token)).hasValue("verifier-1");
        assertThat(tokens.redeem(token)).isEmpty();
        assertThat(tokens.redeem("never-issued")).isEmpty();
        assertThat(tokens.redeem(null)).isEmpty();
    }

    @Test
    void an_expired_token_redeems_nothing() {
        String token = tokens.issue("verifier-1");
        clock.advance(Duration.ofMinutes(10));

        assertThat(tokens.redeem(token)).isEmpty();
    }

    @Test
    void tokens_are_random_and_long() {
        assertThat(tokens.issue("a")).hasSize(43).isNotEqualTo(tokens.issue("a"));
    }

    @Test
    void a_flood_of_unredeemed_tokens_is_refused_until_they_expire() {
        for (int i = 0; i < SingleUseTokens.CAPACITY; i++) {
            tokens.issue("v" + i);
        }

        assertThatThrownBy(() -> tokens.issue("one more")).isInstanceOf(HttpProblem.class)
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(503));
        clock.advance(Duration.ofMinutes(11));
        assertThat(tokens.redeem(tokens.issue("after expiry"))).hasValue("after expiry");
    }
}
