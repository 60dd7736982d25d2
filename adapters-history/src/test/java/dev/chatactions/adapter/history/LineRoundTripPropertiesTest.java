package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.history.HistoryLineCodec.Origin;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.chatactions.core.testing.Generator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import dev.chatactions.core.text.UnicodeText;
import org.junit.jupiter.api.Test;

class LineRoundTripPropertiesTest {

    private static final Origin ORIGIN = new Origin("f", "alice", "0123456789ab");
    private static final Generator<String> ANY_STRING = Generator.anyString(80);

    private static HistoryRecord decode(HistoryRecord record) {
        byte[] json = HistoryLineCodec.encode(record).json();
        assertThat(json).doesNotContain((byte) '\n');
        return HistoryLineCodec.decode(new String(json, StandardCharsets.UTF_8), 1, ORIGIN).orElseThrow();
    }

    @Test
    void any_chat_text_is_one_line_and_reads_back_unchanged() {
        Generator<List<String>> roleAndContent = random -> List.of(ANY_STRING.next(random), ANY_STRING.next(random));
        Property.forAll(roleAndContent, Shrinker.none(), pair -> {
            ChatLine chat = new ChatLine(Instant.ofEpochSecond(1_800_000_000L, 7), "alice", "0123456789ab", pair.get(0), pair.get(1));

            assertThat(decode(chat)).isEqualTo(chat);
        });
    }

    /** The values an action line's request is built from. */
    record Values(String key, String text, long integer, BigDecimal decimal, boolean flag) {

        ActionLine action() {
            Payload request = Payload.of(Map.of("k" + key, text, "i", BigInteger.valueOf(integer), "d", decimal,
                    "list", List.of(flag, text), "nested", Map.of("t", text)));
            return new ActionLine(Instant.EPOCH, "alice", "0123456789ab", "issue-create", "key", null, request,
                    ActionStatus.DENIED, List.of(text), null, null, null);
        }
    }

    /** The same values as a stored line shows them: each lone surrogate replaced (the rule for stored text). */
    private static Values stored(Values v) {
        return new Values(v.key(), UnicodeText.repaired(v.text()), v.integer(), v.decimal(), v.flag());
    }

    @Test
    void any_payload_values_read_back_unchanged_but_lone_surrogates_replaced() {
        // Names without lone surrogates: PayloadJson refuses them ("broken surrogate pair"), so no read payload holds one.
        Generator<Values> values = random -> new Values(withoutLoneSurrogates(ANY_STRING.next(random)), ANY_STRING.next(random), random.nextLong(),
                // A scale other than 0: a decimal without a fraction or exponent reads back as an integer.
                new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(1, 21) * (random.nextBoolean() ? 1 : -1)),
                random.nextBoolean());
        Property.forAll(values, Shrinker.none(), v -> assertThat(decode(v.action())).isEqualTo(stored(v).action()));
    }

    @Test
    void lone_surrogates_in_values_are_written_whole_and_read_back_replaced() {
        Values loneHigh = new Values("k", "x\udbff", 1, new BigDecimal("1.5"), true);
        Values reversedPair = new Values("k", "\udc00\ud800", 1, new BigDecimal("1.5"), true);

        assertThat(decode(loneHigh.action())).isEqualTo(stored(loneHigh).action());
        assertThat(decode(reversedPair.action())).isEqualTo(stored(reversedPair).action());
        assertThat(stored(reversedPair).text()).isEqualTo("\ufffd\ufffd");
    }

    private static String withoutLoneSurrogates(String text) {
        return text.codePoints().filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
