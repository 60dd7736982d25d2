package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 64 KiB payload cap counts UTF-8 bytes exactly, for every width of character, whole or streamed. */
class PayloadCapBytesTest {

    /** A marker whose JSON is {@code bytes} UTF-8 bytes, holding {@code wide} 40 times, then prose with wide characters. */
    private static String text(String wide, int bytes) {
        String head = "{\"t\":\"" + wide.repeat(40);
        int used = (head + "\"}").getBytes(StandardCharsets.UTF_8).length;
        String json = head + "x".repeat(bytes - used) + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return "Plan: " + wide + " <action type=\"ci-run\">" + json + "</action> then " + wide.repeat(50);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"\u0080", "\u07ff", "\u0800", "\uffff", "\uD83D\uDE00"})
    void a_payload_of_exactly_64_KiB_passes_and_one_byte_more_does_not(String wide) {
        String atCap = text(wide, MarkerReader.MAX_PAYLOAD_BYTES);
        String overCap = text(wide, MarkerReader.MAX_PAYLOAD_BYTES + 1);

        for (List<ParsedMarker> markers : List.of(ActionMarkerParser.parse(atCap), MarkerCases.streamed(atCap, 1000), MarkerCases.streamed(atCap, 7))) {
            assertThat(markers).singleElement().isInstanceOf(Marker.class);
        }
        for (List<ParsedMarker> markers : List.of(ActionMarkerParser.parse(overCap), MarkerCases.streamed(overCap, 1000), MarkerCases.streamed(overCap, 7))) {
            assertThat(markers).singleElement().isInstanceOfSatisfying(InvalidMarker.class,
                    m -> assertThat(m.reason()).isEqualTo("payload over 64 KiB"));
        }
    }
}
