package dev.chatactions.core.action;

import static dev.chatactions.core.action.MarkerCases.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActionMarkerParserTest {

    static Stream<MarkerCases.Case> cases() {
        return MarkerCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses_the_grammar(MarkerCases.Case c) {
        MarkerCases.assertMatches(c.text(), ActionMarkerParser.parse(c.text()), c.expected());
    }

    /** The table is the grammar: the oracle of the property tests must pass it too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_reference_parser_parses_the_grammar(MarkerCases.Case c) {
        MarkerCases.assertMatches(c.text(), ReferenceMarkerParser.parse(c.text()), c.expected());
    }

    @Test
    void offsets_count_utf16_code_units() {
        String a = marker("a", "{}");
        String text = "😀 " + a;

        List<ParsedMarker> markers = ActionMarkerParser.parse(text);

        assertThat(markers).singleElement().satisfies(m -> {
            assertThat(m.start()).isEqualTo(3);
            assertThat(m.end()).isEqualTo(3 + a.length());
        });
    }

    @Test
    void payload_of_exactly_64_KiB_passes_and_one_byte_more_fails() {
        // {"t":"..."} is 8 bytes around the string; é is 2 UTF-8 bytes, so multi-byte characters are counted as bytes.
        String atLimit = "{\"t\":\"" + "é".repeat(100) + "x".repeat(65536 - 8 - 200) + "\"}";
        String overLimit = "{\"t\":\"" + "é".repeat(100) + "x".repeat(65536 - 8 - 200 + 1) + "\"}";

        assertThat(ActionMarkerParser.parse(marker("a", atLimit))).singleElement().isInstanceOf(Marker.class);
        assertThat(ActionMarkerParser.parse(marker("a", overLimit))).singleElement()
                .isInstanceOfSatisfying(InvalidMarker.class, m -> {
                    assertThat(m.reason()).isEqualTo("payload over 64 KiB");
                    assertThat(m.end()).isEqualTo(marker("a", overLimit).length());
                });
    }

    @Test
    void thirty_two_markers_are_reported_and_the_thirty_third_opening_stops_parsing() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(marker("t" + i, "{\"i\":" + i + "}")).append('\n');
        }

        List<ParsedMarker> markers = ActionMarkerParser.parse(text);

        assertThat(markers).hasSize(33);
        assertThat(markers.subList(0, 32)).allSatisfy(m -> assertThat(m).isInstanceOf(Marker.class));
        assertThat(markers.get(32)).isInstanceOfSatisfying(InvalidMarker.class, m -> {
            assertThat(m.reason()).isEqualTo("too many markers");
            assertThat(m.type()).isEqualTo("t32");
            assertThat(text.substring(m.start(), m.end())).isEqualTo(marker("t32", "{\"i\":32}"));
        });
    }

    @Test
    void invalid_markers_count_towards_the_limit() {
        String text = "<action type=\"x\">oops</action>".repeat(32) + "<action type=\"late\" >{}</action>";

        List<ParsedMarker> markers = ActionMarkerParser.parse(text);

        assertThat(markers).hasSize(33).allSatisfy(m -> assertThat(m).isInstanceOf(InvalidMarker.class));
        assertThat(markers.get(32).type()).isEqualTo("late");
        assertThat(((InvalidMarker) markers.get(32)).reason()).isEqualTo("too many markers");
    }

    @Test
    void thousands_of_bare_openings_yield_the_limit_and_nothing_more() {
        String text = "<action type='x'>".repeat(5000);

        List<ParsedMarker> markers = ActionMarkerParser.parse(text);

        assertThat(markers).hasSize(33);
        assertThat(markers.get(0)).isEqualTo(new InvalidMarker(0, text.length(), "x", "payload is not a JSON object"));
    }

    @Test
    void the_result_is_unmodifiable() {
        List<ParsedMarker> markers = ActionMarkerParser.parse(marker("a", "{}"));

        assertThat(markers).isUnmodifiable();
    }

    @Test
    void null_text_is_a_programming_error() {
        assertThatNullPointerException().isThrownBy(() -> ActionMarkerParser.parse(null));
    }
}
