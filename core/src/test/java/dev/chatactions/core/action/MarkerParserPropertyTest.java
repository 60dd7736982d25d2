package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.json.PayloadJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class MarkerParserPropertyTest {

    private static final List<String> FRAGMENTS = List.of(
            "<action type=\"", "<action type='", "a", "issue-create", "\"", "'", ">", " ", "=", "{", "}", "[", "]",
            "\"t\":", "\\", "</action>", "`", "``", "```", "~~~", "\n", "\r\n", "\r", "\n\n", "   ", "😀", "é", ",",
            "1", "NaN", "<", "<action", "text ");

    @Property
    void never_throws_and_reports_consistent_spans_on_any_string(@ForAll String text) {
        assertConsistent(text, ActionMarkerParser.parse(text));
    }

    @Property
    void never_throws_and_reports_consistent_spans_on_marker_like_text(@ForAll("markerish") String text) {
        assertConsistent(text, ActionMarkerParser.parse(text));
    }

    @Property
    void streaming_equals_batch_for_any_chunking(@ForAll("markerish") String text, @ForAll("cuts") List<Integer> cuts) {
        MarkerStream stream = new MarkerStream();
        List<ParsedMarker> streamed = new ArrayList<>();
        int from = 0;
        for (int cut : cuts.stream().map(c -> Math.min(c, text.length())).sorted().toList()) {
            streamed.addAll(stream.feed(text.substring(from, Math.max(from, cut))));
            from = Math.max(from, cut);
        }
        streamed.addAll(stream.feed(text.substring(from)));
        streamed.addAll(stream.finish());

        assertThat(streamed).isEqualTo(ActionMarkerParser.parse(text));
    }

    @Property(tries = 300)
    void any_json_object_in_a_marker_round_trips(@ForAll("payloads") Map<String, Object> fields, @ForAll("prose") String before) {
        Payload payload = Payload.of(fields);
        String json = PayloadJson.canonical(payload);
        String text = before + "\n\n<action type=\"issue-create\">" + json + "</action>";

        List<ParsedMarker> markers = ActionMarkerParser.parse(text);

        assertThat(markers).singleElement().isInstanceOfSatisfying(Marker.class, m -> {
            assertThat(m.payload()).isEqualTo(payload);
            assertThat(PayloadJson.canonical(m.payload())).isEqualTo(json);
            assertThat(m.end()).isEqualTo(text.length());
        });
    }

    private static void assertConsistent(String text, List<ParsedMarker> markers) {
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

    @Provide
    Arbitrary<String> markerish() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 400).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> prose() {
        return Arbitraries.of("Sure.", "`x`", "```\ncode\n```", "~~~~\n~~~\n~~~~", "😀", "a < b", "it`s").list().ofMaxSize(4)
                .map(parts -> String.join("\n\n", parts));
    }

    @Provide
    Arbitrary<Map<String, Object>> payloads() {
        return objects(3);
    }

    private static Arbitrary<Map<String, Object>> objects(int depth) {
        return Arbitraries.maps(jsonStrings(), values(depth)).ofMaxSize(4).map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> values(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                jsonStrings().map(s -> s),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).map(n -> n),
                Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1e6"), new BigDecimal("1e6")).map(n -> n),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Object> arrays = values(depth - 1).list().ofMaxSize(3).map(list -> list);
        Arbitrary<Object> nested = objects(depth - 1).map(map -> map);
        return Arbitraries.frequencyOf(Tuple.of(4, leaves), Tuple.of(1, arrays), Tuple.of(1, nested));
    }

    private static Arbitrary<String> jsonStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(12),
                Arbitraries.of("\"", "\\", "</action>", "`", "😀", "é", "\n", "\u0000", "{", "}").list().ofMaxSize(5)
                        .map(parts -> String.join("", parts)));
    }
}
