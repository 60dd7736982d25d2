package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a fence opens and closes decides which markers are code: the edges of those rules. */
class FenceEdgesTest {

    private static final String MARKER = "<action type=\"ci-run\">{\"branch\":\"main\"}</action>";

    private static List<ParsedMarker> streamed(String... chunks) {
        MarkerStream stream = new MarkerStream();
        List<ParsedMarker> markers = new ArrayList<>();
        for (String chunk : chunks) {
            markers.addAll(stream.feed(chunk));
        }
        markers.addAll(stream.finish());
        return markers;
    }

    @Test
    void two_tildes_on_a_later_line_open_no_fence() {
        assertThat(ActionMarkerParser.parse("Steps:\n~~\n" + MARKER + "\n")).singleElement().isInstanceOf(Marker.class);
    }

    @Test
    void a_fence_indented_by_three_spaces_opens_and_by_four_does_not() {
        assertThat(ActionMarkerParser.parse("Steps:\n   ~~~\n" + MARKER + "\n   ~~~\n")).isEmpty();
        assertThat(ActionMarkerParser.parse("Steps:\n    ~~~\n" + MARKER + "\n")).singleElement().isInstanceOf(Marker.class);
    }

    @Test
    void a_closing_run_at_the_end_of_a_chunk_waits_for_what_follows_on_its_line() {
        assertThat(streamed("~~~\n" + MARKER + "\n", "~~~", "x\n" + MARKER + "\n")).isEmpty();
        assertThat(streamed("~~~\n" + MARKER + "\n", "~~~", "\n" + MARKER + "\n")).singleElement().isInstanceOf(Marker.class);
        assertThat(streamed("~~~\n" + MARKER + "\n", "~~~  ", " \n" + MARKER)).singleElement().isInstanceOf(Marker.class);
    }

    @Test
    void a_fence_closed_at_the_very_end_of_the_text_hides_its_markers() {
        assertThat(ActionMarkerParser.parse("~~~\n" + MARKER + "\n~~~")).isEmpty();
        assertThat(streamed("~~~\n" + MARKER + "\n~~~")).isEmpty();
    }

    @Test
    void a_backtick_fence_whose_info_string_is_cut_by_a_chunk_waits_for_its_line_to_end() {
        assertThat(streamed("Steps:\n```ts", "\n" + MARKER + "\n```\n")).isEmpty();
        assertThat(streamed("Steps:\n```ts", " `x`\n" + MARKER + "\n")).singleElement().isInstanceOf(Marker.class);
    }
}
