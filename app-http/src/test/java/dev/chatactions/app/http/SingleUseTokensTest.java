package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SingleUseTokensTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final SingleUseTokens<String> tokens = new SingleUseTokens<>(clock, Duration.ofMinutes(10), SingleUseTokens.PER_CLIENT);

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
    void a_flood_from_one_client_only_pushes_out_its_own_oldest_tokens() {
        String person = tokens.issue("10.0.0.7", "person");
        String floodersFirst = tokens.issue("10.0.0.66", "flood-0");
        for (int i = 1; i <= 10 * SingleUseTokens.PER_CLIENT; i++) {
            tokens.issue("10.0.0.66", "flood-" + i);
        }
        String floodersLast = tokens.issue("10.0.0.66", "flood-last");

        assertThat(tokens.redeem(person)).hasValue("person");
        assertThat(tokens.redeem(floodersFirst)).isEmpty();
        assertThat(tokens.redeem(floodersLast)).hasValue("flood-last");
    }

    @Test
    void a_flood_from_many_clients_never_refuses_a_new_sign_in_and_pushes_out_the_oldest_first() {
        String oldest = tokens.issue("10.1.0.0", "oldest");
        for (int i = 0; i < SingleUseTokens.CAPACITY; i++) {
            tokens.issue("10.2." + (i / 250) + "." + (i % 250), "flood-" + i);
        }

        String person = tokens.issue("10.0.0.7", "person");

        assertThat(tokens.redeem(person)).hasValue("person");
        assertThat(tokens.redeem(oldest)).isEmpty();
    }

    @Test
    void expired_tokens_make_room_and_redeem_nothing() {
        String early = tokens.issue("10.0.0.66", "early");
        clock.advance(Duration.ofMinutes(11));
        for (int i = 0; i < SingleUseTokens.PER_CLIENT; i++) {
            tokens.issue("10.0.0.66", "late-" + i);
        }

        assertThat(tokens.redeem(early)).isEmpty();
        assertThat(tokens.redeem(tokens.issue("after expiry"))).hasValue("after expiry");
    }
}
