package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.testing.Generator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class MarkerParserPropertyTest {

    private static final Generator<String> FRAGMENT = Generator.oneOf(
            "<action type=\"", "<action type='", "a", "issue-create", "\"", "'", ">", " ", "=", "{", "}", "[", "]",
            "\"t\":", "\\", "</action>", "`", "``", "```", "~~~", "\n", "\r\n", "\r", "\n\n", "   ", "😀", "é", ",",
            "1", "NaN", "<", "<action", "text ");
    private static final Generator<List<String>> MARKERISH = Generator.listOf(FRAGMENT, 60);
    private static final Generator<String> PROSE_PART = Generator.oneOf("Sure.", "`x`", "```\ncode\n```", "~~~~\n~~~\n~~~~", "😀", "a < b", "it`s");
    private static final Generator<String> JSON_STRING_PART = Generator.oneOf("\"", "\\", "</action>", "`", "😀", "é", "\n", "\u0000", "{", "}");

    @Test
    void never_throws_and_reports_consistent_spans_on_any_string() {
        Property.forAll(Generator.anyString(200), Shrinker.strings(), text -> assertConsistent(text, ActionMarkerParser.parse(text)));
    }

    @Test
    void never_throws_and_reports_consistent_spans_on_marker_like_text() {
        Property.forAll(MARKERISH, Shrinker.lists(), pieces -> {
            String text = String.join("", pieces);
            assertConsistent(text, ActionMarkerParser.parse(text));
        });
    }

    @Test
    void streaming_equals_batch_for_any_chunking() {
        Property.forAll(Chunked.generator(MARKERISH), Chunked.SHRINKER, chunked -> {
            String text = chunked.text();
            assertThat(chunked.stream()).isEqualTo(ActionMarkerParser.parse(text));
        });
    }

    @Test
    void the_parser_agrees_with_the_reference_parser() {
        Property.forAll(MarkerTexts.PIECES, Shrinker.lists(), pieces -> {
            String text = String.join("", pieces);
            assertThat(ActionMarkerParser.parse(text)).isEqualTo(ReferenceMarkerParser.parse(text));
        });
    }

    @Test
    void streaming_in_any_chunking_agrees_with_the_reference_parser() {
        Property.forAll(Chunked.generator(MarkerTexts.PIECES), Chunked.SHRINKER,
                chunked -> assertThat(chunked.stream()).isEqualTo(ReferenceMarkerParser.parse(chunked.text())));
    }

    /** Guards the oracle property against a generator that drifted into texts with nothing to disagree about. */
    @Test
    void the_generated_texts_reach_every_kind_of_result() {
        SplittableRandom random = new SplittableRandom(Long.getLong("property.seed", 1L));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Property.CASES; i++) {
            String text = String.join("", MarkerTexts.PIECES.next(random.split()));
            List<ParsedMarker> markers = ReferenceMarkerParser.parse(text);
            markers.forEach(m -> seen.add(m instanceof InvalidMarker invalid ? invalid.reason().replaceAll("['\\d(].*", "") : "valid"));
            if (markers.size() < ReferenceMarkerParser.parse(text.replace('`', '\'').replace('~', '-')).size()) {
                seen.add("hidden by code");
            }
        }

        assertThat(seen).contains("valid", "hidden by code", "too many markers", "payload over ", "JSON object not closed",
                "missing </action>", "unexpected text after the JSON object", "unexpected attribute", "payload is not a JSON object",
                "opening tag not closed", "bad type attribute: missing closing quote", "bad type attribute: name longer than ",
                "bad type attribute: empty name", "bad type attribute: ", "bad type attribute: expected ", "invalid JSON: Duplicate field ",
                "invalid JSON: number out of range", "invalid JSON: Non-standard token ");
    }

    @Test
    void any_json_object_in_a_marker_round_trips() {
        Generator<PayloadInProse> cases = random -> new PayloadInProse(object(random, 3), Generator.listOf(PROSE_PART, 4).next(random));
        Property.forAll(cases, Shrinker.none(), input -> {
            Payload payload = Payload.of(input.fields());
            String before = String.join("\n\n", input.prose());
            String json = PayloadJson.canonical(payload);
            String text = before + "\n\n<action type=\"issue-create\">" + json + "</action>";

            List<ParsedMarker> markers = ActionMarkerParser.parse(text);

            assertThat(markers).singleElement().isInstanceOfSatisfying(Marker.class, m -> {
                assertThat(m.payload()).isEqualTo(payload);
                assertThat(PayloadJson.canonical(m.payload())).isEqualTo(json);
                assertThat(m.end()).isEqualTo(text.length());
            });
        });
    }

    record PayloadInProse(Map<String, Object> fields, List<String> prose) {}

    /** A text cut into chunks at {@code cuts} (sorted, clamped to the text). */
    record Chunked(List<String> pieces, List<Integer> cuts) {

        static final Shrinker<Chunked> SHRINKER = chunked -> {
            List<Chunked> smaller = new ArrayList<>();
            Shrinker.<String>lists().smaller(chunked.pieces()).forEach(p -> smaller.add(new Chunked(p, chunked.cuts())));
            Shrinker.<Integer>lists().smaller(chunked.cuts()).forEach(c -> smaller.add(new Chunked(chunked.pieces(), c)));
            return smaller;
        };

        static Generator<Chunked> generator(Generator<List<String>> pieces) {
            return random -> {
                List<String> text = pieces.next(random);
                int length = String.join("", text).length();
                return new Chunked(text, Generator.listOf(r -> r.nextInt(length + 1), 12).next(random));
            };
        }

        String text() {
            return String.join("", pieces);
        }

        /** What a {@link MarkerStream} reports when fed the chunks. */
        List<ParsedMarker> stream() {
            String text = text();
            MarkerStream stream = new MarkerStream();
            List<ParsedMarker> streamed = new ArrayList<>();
            int from = 0;
            for (int cut : cuts.stream().map(c -> Math.min(c, text.length())).sorted().toList()) {
                streamed.addAll(stream.feed(text.substring(from, cut)));
                from = cut;
            }
            streamed.addAll(stream.feed(text.substring(from)));
            streamed.addAll(stream.finish());
            return streamed;
        }
    }

    static void assertConsistent(String text, List<ParsedMarker> markers) {
        assertThat(markers).hasSizeLessThanOrEqualTo(MarkerStream.MAX_MARKERS + 1);
        int previousStart = -1;
        for (ParsedMarker m : markers) {
            assertThat(m.start()).isGreaterThan(previousStart).isLessThan(m.end());
            assertThat(m.end()).isLessThanOrEqualTo(text.length());
            String span = text.substring(m.start(), m.end());
            assertThat(span).startsWith("<action");
            if (m instanceof Marker) {
                assertThat(span).endsWith("</action>");
            }
            previousStart = m.start();
        }
    }

    private static Map<String, Object> object(RandomGenerator random, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            fields.put(jsonString(random), value(random, depth));
        }
        return fields;
    }

    private static Object value(RandomGenerator random, int depth) {
        int pick = random.nextInt(depth == 0 ? 5 : 7);
        switch (pick) {
            case 0:
                return jsonString(random);
            case 1:
                return BigInteger.valueOf(random.nextLong());
            case 2:
                return BigDecimal.valueOf(random.nextLong(-1_000_000_000L, 1_000_000_001L), 3);
            case 3:
                return random.nextBoolean();
            case 4:
                return null;
            case 5:
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(random, depth - 1));
                }
                return items;
            default:
                return object(random, depth - 1);
        }
    }

    private static String jsonString(RandomGenerator random) {
        if (random.nextBoolean()) {
            return random.ints(random.nextInt(13), 0, 0xd800)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }
        return String.join("", Generator.listOf(JSON_STRING_PART, 5).next(random));
    }
}
