package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After the type only blanks and {@code >} may follow: a letter starts an attribute, anything else is a bad tag. */
class TagAfterTypeTest {

    private static String reasonFor(char after) {
        ParsedMarker only = ActionMarkerParser.parse("<action type=\"ci-run\" " + after + ">{}</action>").get(0);
        assertThat(only).isInstanceOf(InvalidMarker.class);
        return ((InvalidMarker) only).reason();
    }

    @ParameterizedTest
    @ValueSource(chars = {'a', 'm', 'z', 'A', 'M', 'Z'})
    void a_letter_starts_an_attribute_no_marker_has(char letter) {
        assertThat(reasonFor(letter)).isEqualTo("unexpected attribute");
    }

    @ParameterizedTest
    @ValueSource(chars = {'@', '[', '`', '{', '0', '-', '/', '\u00e9'})
    void any_other_character_is_a_bad_type_attribute(char other) {
        assertThat(reasonFor(other)).isEqualTo("bad type attribute: expected '>' after the name");
    }
}
