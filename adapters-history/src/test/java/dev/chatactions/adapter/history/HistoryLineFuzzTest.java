package dev.chatactions.adapter.history;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.history.HistoryLineCodec.Origin;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import dev.chatactions.core.testing.LinearTime;
import dev.chatactions.core.testing.LinearTime.Inputs;
import dev.chatactions.core.testing.Mutator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Damaged history lines, as the reader sees them (bytes decoded as UTF-8): each is a record, nothing
 * (another program's line), or an {@link UnreadableLine} with a one-line reason; never an
 * exception, and in linear time.
 */
class HistoryLineFuzzTest {

    private static final Origin ORIGIN = new Origin("f", "alice", "0123456789ab");
    private static final List<byte[]> SEEDS = seeds();

    @Test
    void mutated_lines_are_read_or_reported_unreadable() {
        Property.forAll(Property.FUZZ_CASES, Mutator.bytes(SEEDS), Shrinker.none(),
                bytes -> decodesOrRefuses(new String(bytes, StandardCharsets.UTF_8)));
    }

    @Test
    void mutated_line_text_is_read_or_reported_unreadable() {
        List<String> seeds = SEEDS.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        Property.forAll(Property.FUZZ_CASES, Mutator.strings(seeds), Shrinker.strings(), HistoryLineFuzzTest::decodesOrRefuses);
    }

    @Test
    void hostile_lines_cost_linear_time() {
        List<Inputs> lines = List.of(
                new Inputs("a long chat message", n -> "{\"ts\":\"2026-11-23T20:00:00Z\",\"role\":\"user\",\"content\":\"" + "\\n".repeat(n / 2) + "\"}"),
                new Inputs("many reasons", n -> "{\"role\":\"action\",\"ts\":\"2026-11-23T20:00:00Z\",\"type\":\"a\",\"key\":\"k\","
                        + "\"request\":{},\"status\":\"denied\",\"reasons\":[" + "\"r\",".repeat(n / 4) + "\"r\"]}"),
                new Inputs("a long bad timestamp", n -> "{\"role\":\"user\",\"content\":\"x\",\"ts\":\"" + "9".repeat(n) + "\"}"),
                new Inputs("many unknown fields", n -> "{\"role\":\"proposal\","
                        + IntStream.range(0, n / 10).mapToObj(i -> "\"f" + i + "\":" + i).collect(joining(",")) + "}"));
        LinearTime.assertLinear("decode", lines, HistoryLineFuzzTest::decodesOrRefuses, 40_000);
    }

    private static void decodesOrRefuses(String line) {
        Optional<HistoryRecord> record = HistoryLineCodec.decode(line, 1, ORIGIN);
        record.filter(UnreadableLine.class::isInstance).map(UnreadableLine.class::cast)
                .ifPresent(unreadable -> assertThat(unreadable.problem()).isNotBlank().doesNotContain("\n", "\r"));
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        Stream.of(HistoryFixture.chat("hello `<action type=\"a\">{}</action>`\n😀"), HistoryFixture.proposal("p-1"),
                        HistoryFixture.started("k1"), HistoryFixture.done("k2"), HistoryFixture.failed("k3"), HistoryFixture.denied("k4"))
                .forEach(record -> seeds.add(HistoryLineCodec.encode(record).json()));
        Stream.of("{\"role\":\"user\",\"content\":\"hi\",\"ts\":\"2026-11-23T20:00:00+01:00\"}",
                        "{\"role\":\"system\",\"content\":\"x\",\"ts\":\"2026-11-23T20:00:00\",\"seq\":3,\"prev\":\"00\"}",
                        "{\"type\":\"summary\",\"leafUuid\":\"x\"}")
                .forEach(line -> seeds.add(line.getBytes(StandardCharsets.UTF_8)));
        return seeds;
    }
}
