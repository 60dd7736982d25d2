package dev.chatactions.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"k1", "k-1", "a.b_c:d-e", "p-0123456789abcdef01234567", "-", "a-b-c"})
    void a_key_every_consumer_can_carry_is_accepted(String key) {
        assertThat(new IdempotencyKey(key).value()).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a--b", "--", "k---", "has space", "a>b", "a\nb", "é"})
    void a_key_some_consumer_cannot_carry_is_refused_naming_the_rule(String key) {
        assertThat(IdempotencyKey.isValid(key)).isFalse();
        assertThatThrownBy(() -> new IdempotencyKey(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idempotency key must be 1-128 of [A-Za-z0-9._:-] without \"--\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void a_key_is_at_most_128_characters(int length) {
        assertThat(IdempotencyKey.isValid("k".repeat(length))).isEqualTo(length <= 128);
    }
}
