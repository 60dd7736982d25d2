package dev.chatactions.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnicodeTextTest {

    /** {@code H}, {@code L}: a high and a low surrogate; {@code P}: a whole pair; {@code ?}: U+FFFD. */
    @ParameterizedTest
    @CsvSource({
        "aPb,   aPb,  -1",
        "aHb,   a?b,   1",
        "aLb,   a?b,   1",
        "H,     ?,     0",
        "PH,    P?,    2",
        "LH,    ??,    0",
        "HHL,   ?HL,   0",
        "PLP,   P?P,   2",
        "'',    '',   -1",
    })
    void lone_surrogates_are_found_and_replaced_and_pairs_are_kept(String shape, String repairedShape, int firstLone) {
        String text = text(shape);

        assertThat(UnicodeText.firstLoneSurrogate(text)).isEqualTo(firstLone);
        assertThat(UnicodeText.repaired(text)).isEqualTo(text(repairedShape));
        String repaired = UnicodeText.repaired(text);
        assertThat(new String(repaired.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(repaired);
    }

    private static String text(String shape) {
        return shape.replace("P", "\uD83D\uDE00").replace("H", "\uD800").replace("L", "\uDC00").replace('?', UnicodeText.REPLACEMENT);
    }
}
