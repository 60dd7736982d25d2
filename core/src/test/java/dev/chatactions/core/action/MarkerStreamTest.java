package dev.chatactions.core.action;

import static dev.chatactions.core.action.MarkerCases.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkerStreamTest {

    static Stream<MarkerCases.Case> cases() {
        return MarkerCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void one_character_per_chunk_gives_the_table_answer(MarkerCases.Case c) {
        MarkerCases.assertMatches(c.text(), MarkerCases.streamed(c.text(), 1), c.expected());
    }

    @Test
    void a_marker_is_returned_as_soon_as_its_closing_tag_arrives() {
        MarkerStream stream = new MarkerStream();

        assertThat(stream.feed("Hi <acti")).isEmpty();
        assertThat(stream.feed("on type=\"a\">{\"n\":1}</act")).isEmpty();
        assertThat(stream.feed("ion>")).singleElement().isInstanceOf(Marker.class);
        assertThat(stream.finish()).isEmpty();
    }

    @Test
    void a_marker_after_an_open_backtick_waits_until_the_paragraph_ends() {
        MarkerStream stream = new MarkerStream();

        assertThat(stream.feed("it` " + marker("a", "{}"))).isEmpty();
        assertThat(stream.feed(" more\n")).isEmpty();
        assertThat(stream.feed("\nnext paragraph")).singleElement().isInstanceOf(Marker.class);
    }

    @Test
    void a_marker_after_an_open_backtick_is_dropped_when_the_span_closes() {
        MarkerStream stream = new MarkerStream();

        assertThat(stream.feed("` " + marker("a", "{}"))).isEmpty();
        assertThat(stream.feed(" ` " + marker("b", "{}"))).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo("b"));
    }

    @Test
    void an_invalid_marker_waits_for_the_end_of_its_span() {
        MarkerStream stream = new MarkerStream();

        assertThat(stream.feed("<action type=\"a\">{\"n\":")).isEmpty();
        assertThat(stream.feed(" oops")).isEmpty();
        assertThat(stream.finish()).singleElement()
                .isInstanceOfSatisfying(InvalidMarker.class, m -> assertThat(m.end()).isEqualTo(27));
    }

    @Test
    void offsets_are_absolute_across_chunks() {
        MarkerStream stream = new MarkerStream();
        stream.feed("0123456789");

        List<ParsedMarker> markers = stream.feed(marker("a", "{}"));

        assertThat(markers).singleElement().satisfies(m -> assertThat(m.start()).isEqualTo(10));
    }

    @Test
    void feeding_after_finish_is_refused() {
        MarkerStream stream = new MarkerStream();
        stream.finish();

        assertThatIllegalStateException().isThrownBy(() -> stream.feed("x"));
    }
}
