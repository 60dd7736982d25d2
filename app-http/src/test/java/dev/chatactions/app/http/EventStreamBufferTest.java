package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.testing.Generator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The event stream's own JSON strings against Jackson's, and the bytes it puts together. */
class EventStreamBufferTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(EventStreamBuffer buffer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            buffer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void a_json_string_is_jacksons_bytes_and_reads_back_as_the_same_text() {
        Property.forAll(Generator.anyString(40), Shrinker.strings(), text -> {
            byte[] ours = bytes(new EventStreamBuffer().jsonString(text, 0, text.length()));
            try {
                assertThat(ours).isEqualTo(JSON.writeValueAsBytes(text));
                assertThat(JSON.readValue(ours, String.class)).isEqualTo(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void a_json_string_of_part_of_a_text_holds_that_part_only_even_where_the_part_cuts_a_pair_in_two() {
        Property.forAll(Generator.anyString(40), Shrinker.strings(), text -> {
            for (int start = 0; start <= text.length(); start += 7) {
                int end = start + (text.length() - start) / 2;
                byte[] ours = bytes(new EventStreamBuffer().jsonString(text, start, end));
                try {
                    assertThat(JSON.readValue(ours, String.class)).isEqualTo(text.substring(start, end));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @Test
    void escapes_the_quote_backslash_and_controls_and_writes_other_text_as_utf8() {
        String text = "\"\\/\b\t\n\f\r\u0000\u001f\u007f é € \u2028";

        String json = new String(bytes(new EventStreamBuffer().jsonString(text, 0, text.length())), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("\"\\\"\\\\/\\b\\t\\n\\f\\r\\u0000\\u001F\u007f é € \u2028\"");
    }

    @Test
    void every_surrogate_becomes_its_escape_paired_or_alone() {
        String text = "😀 a\ud83d" + "b\ude00";

        byte[] json = bytes(new EventStreamBuffer().jsonString(text, 0, text.length()));

        assertThat(new String(json, StandardCharsets.US_ASCII)).isEqualTo("\"\\uD83D\\uDE00 a\\uD83Db\\uDE00\"");
    }

    @Test
    void numbers_ascii_and_bytes_follow_each_other_and_the_array_grows_as_needed() {
        EventStreamBuffer buffer = new EventStreamBuffer();
        String big = "é".repeat(10_000);
        buffer.ascii("id: ").number(0).ascii(" ").number(7).ascii(" ").number(1_234_567_890).ascii(" ")
                .bytes("ü".getBytes(StandardCharsets.UTF_8)).jsonString(big, 0, big.length());

        assertThat(new String(bytes(buffer), StandardCharsets.UTF_8)).isEqualTo("id: 0 7 1234567890 ü\"" + big + "\"");
        buffer.clear();
        assertThat(bytes(buffer.number(Integer.MAX_VALUE))).isEqualTo(Integer.toString(Integer.MAX_VALUE).getBytes(StandardCharsets.US_ASCII));
    }
}
