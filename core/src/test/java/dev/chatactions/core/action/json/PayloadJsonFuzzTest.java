package dev.chatactions.core.action.json;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.testing.LinearTime;
import dev.chatactions.core.testing.LinearTime.Inputs;
import dev.chatactions.core.testing.Mutator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Damaged and hostile JSON: a payload or an {@link InvalidJsonException} with a one-line reason, nothing else, in linear time. */
class PayloadJsonFuzzTest {

    private static final List<String> SEEDS = List.of(
            "{}", "{\"title\":\"Flaky test\",\"labels\":[\"bug\",\"ci\"]}", "{\"head\":\"fix\",\"base\":\"main\",\"title\":\"t\",\"body\":\"b\"}",
            "{\"n\":-12.5e3,\"i\":12345678901234567890,\"t\":true,\"f\":false,\"z\":null}",
            "{\"t\":\"\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"e\":\"😀é\"}", "{\"a\":{\"b\":{\"c\":[[],[{}],[1,[2,[3]]]]}}}",
            "  {\"ws\" :\t[ 1 , 2 ]\r\n}  ", "{\"k\":\"</action>\"}");

    @Test
    void mutated_text_is_a_payload_or_a_one_line_refusal() {
        Property.forAll(Property.FUZZ_CASES, Mutator.strings(SEEDS), Shrinker.strings(), PayloadJsonFuzzTest::readsOrRefuses);
    }

    @Test
    void mutated_bytes_decoded_as_utf8_are_a_payload_or_a_one_line_refusal() {
        List<byte[]> seeds = SEEDS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        Property.forAll(Property.FUZZ_CASES, Mutator.bytes(seeds), Shrinker.none(),
                bytes -> readsOrRefuses(new String(bytes, StandardCharsets.UTF_8)));
    }

    @Test
    void hostile_json_costs_linear_time() {
        List<Inputs> texts = List.of(
                new Inputs("a long string", n -> "{\"t\":\"" + "x".repeat(n) + "\"}"),
                new Inputs("a string of escapes", n -> "{\"t\":\"" + "\\u00e9\\\"".repeat(n / 8) + "\"}"),
                new Inputs("many keys", n -> "{" + IntStream.range(0, n / 6).mapToObj(i -> "\"k" + i + "\":" + i).collect(joining(",")) + "}"),
                new Inputs("a long array of numbers", n -> "{\"a\":[" + "123456789,".repeat(n / 10) + "0]}"),
                new Inputs("an unclosed array", n -> "{\"a\":" + "[1,".repeat(n / 3)),
                new Inputs("nesting far past the limit", n -> "{\"a\":" + "[".repeat(n)));
        LinearTime.assertLinear("read", texts, PayloadJsonFuzzTest::readsOrRefuses, 40_000);
    }

    /**
     * Reads {@code json}: a payload's canonical form must read back to the same canonical form (what
     * digests are made of), a refusal must be one line. The payload itself may change its number
     * types: {@code -12.5e1} is the decimal -125 and its canonical {@code -125} reads as an integer.
     */
    private static void readsOrRefuses(String json) {
        Payload payload;
        try {
            payload = PayloadJson.read(json);
        } catch (InvalidJsonException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        String canonical = PayloadJson.canonical(payload);
        assertThat(PayloadJson.canonical(PayloadJson.read(canonical))).isEqualTo(canonical);
    }
}
