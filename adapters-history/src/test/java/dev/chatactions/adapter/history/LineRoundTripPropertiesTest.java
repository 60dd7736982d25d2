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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class LineRoundTripPropertiesTest {

    private static final Origin ORIGIN = new Origin("f", "alice", "0123456789ab");

    private static HistoryRecord decode(HistoryRecord record) {
        byte[] json = HistoryLineCodec.encode(record).json();
        assertThat(json).doesNotContain((byte) '\n');
        return HistoryLineCodec.decode(new String(json, StandardCharsets.UTF_8), 1, ORIGIN).orElseThrow();
    }

    @Property(tries = 300)
    void any_chat_text_is_one_line_and_reads_back_unchanged(@ForAll String role, @ForAll String content) {
        ChatLine chat = new ChatLine(Instant.ofEpochSecond(1_800_000_000L, 7), "alice", "0123456789ab", role, content);

        assertThat(decode(chat)).isEqualTo(chat);
    }

    @Property(tries = 300)
    void any_payload_values_read_back_unchanged(
            @ForAll String key, @ForAll String text, @ForAll long integer, @ForAll BigDecimal decimal, @ForAll boolean flag) {
        Payload request = Payload.of(Map.of("k" + key, text, "i", BigInteger.valueOf(integer), "d", decimal,
                "list", List.of(flag, text), "nested", Map.of("t", text)));
        ActionLine action = new ActionLine(Instant.EPOCH, "alice", "0123456789ab", "issue-create", "key", null, request,
                ActionStatus.DENIED, List.of(text), null, null, null);

        assertThat(decode(action)).isEqualTo(action);
    }
}
