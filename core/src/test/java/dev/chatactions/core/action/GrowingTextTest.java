package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text a reply streams into the marker scan: what it keeps when the model sends a character at a time (issue #15). */
class GrowingTextTest {

    @Test
    void a_text_fed_one_character_at_a_time_keeps_a_chunk_per_small_chunk_of_chars_not_one_per_character() {
        String text = "é x ".repeat(2_500) + "</action>" + "y".repeat(1_000);
        GrowingText growing = new GrowingText();

        text.chars().forEach(c -> growing.append(Character.toString(c)));

        assertThat(growing.toString()).isEqualTo(text);
        assertThat(growing.chunkIndex(text.length() - 1)).isLessThanOrEqualTo(text.length() / GrowingText.SMALL_CHUNK);
        for (int k = 0; k <= growing.chunkIndex(text.length() - 1); k++) {
            assertThat(text.substring(growing.chunkStart(k))).startsWith(growing.chunk(k));
        }
        assertThat(growing.search("</action>").next(0)).isEqualTo(text.indexOf("</action>"));
    }
}
