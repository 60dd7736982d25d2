package dev.chatactions.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** User names and conversation ids (keys have their own rules, tested with them). */
class UserAndConversationNamesTest {

    @Test
    void valid_names_are_handed_back_unchanged() {
        assertThat(new UserName("alice.b-1").value()).isEqualTo("alice.b-1");
        assertThat(ConversationId.ofNullable("0123456789ab").value()).isEqualTo("0123456789ab");
        assertThat(ConversationId.ofNullable(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789AB", "0123456789a", "0123456789abc", "0123456789ag", "../../etc/pw"})
    void a_conversation_is_exactly_twelve_lower_case_hex_characters(String conversation) {
        assertThat(ConversationId.isValid(conversation)).isFalse();
        assertThatThrownBy(() -> ConversationId.ofNullable(conversation))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conversation must be 12 lower-case hex characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "al ice"})
    void a_user_must_be_usable_as_a_directory_name(String user) {
        assertThat(UserName.isValid(user)).isFalse();
        assertThatThrownBy(() -> new UserName(user)).isInstanceOf(IllegalArgumentException.class);
    }
}
