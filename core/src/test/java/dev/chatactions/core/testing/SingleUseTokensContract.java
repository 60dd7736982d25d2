package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.SingleUseTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SingleUseTokens} promises: a token redeems its value once and never after its
 * lifetime, even when many redeem it at once; tokens are long and random; over a cap the oldest
 * pending token goes (the client's own, else the oldest of all) and issuing still works. Extend it
 * with a fresh, empty store per call.
 */
public abstract class SingleUseTokensContract {

    private static final int PER_CLIENT = 3;
    private static final int CAPACITY = 8;

    protected final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private SingleUseTokens tokens;

    /** A fresh, empty store reading {@code clock}, with {@code retention}'s lifetime and caps. */
    protected abstract SingleUseTokens tokens(Clock clock, Retention retention);

    @BeforeEach
    void freshTokens() {
        tokens = tokens(clock, new Retention(Duration.ofMinutes(10), PER_CLIENT, CAPACITY));
    }

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
    void a_token_redeems_until_its_last_moment() {
        String token = tokens.issue("verifier-1");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        assertThat(tokens.redeem(token)).hasValue("verifier-1");
    }

    @Test
    void tokens_are_random_and_long() {
        assertThat(tokens.issue("a")).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(tokens.issue("a"));
    }

    @Test
    void a_flood_from_one_client_only_pushes_out_its_own_oldest_tokens() {
        String person = tokens.issue("10.0.0.7", "person");
        String floodersFirst = tokens.issue("10.0.0.66", "flood-0");
        for (int i = 1; i <= 10 * PER_CLIENT; i++) {
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
        for (int i = 0; i < CAPACITY; i++) {
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
        for (int i = 0; i < PER_CLIENT; i++) {
            tokens.issue("10.0.0.66", "late-" + i);
        }

        assertThat(tokens.redeem(early)).isEmpty();
        assertThat(tokens.redeem(tokens.issue("after expiry"))).hasValue("after expiry");
    }

    @Test
    void values_come_back_as_they_went_in() {
        String value = "verifier with ünïcödé, quotes ' \" and a \\ backslash";

        assertThat(tokens.redeem(tokens.issue("::1", value))).hasValue(value);
    }

    @Test
    void of_fifty_threads_redeeming_one_token_at_once_exactly_one_wins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String token = tokens.issue("alice");
            List<Optional<String>> results = Concurrently.run(50, () -> tokens.redeem(token));

            assertThat(results).filteredOn(Optional::isPresent).as("round %d", round).containsExactly(Optional.of("alice"));
        }
    }
}
