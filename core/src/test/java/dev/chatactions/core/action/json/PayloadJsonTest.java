package dev.chatactions.core.action.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.Payload;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadJsonTest {

    @Test
    void reads_values_in_source_order_and_writes_them_canonically() {
        Payload payload = PayloadJson.read(" {\"b\": [1, \"x\", null, true], \"a\": {\"z\": 1.50, \"y\": \"\\u00e9\"}} ");

        assertThat(payload.names()).containsExactly("b", "a");
        assertThat(payload.get("b")).isEqualTo(java.util.Arrays.asList(BigInteger.ONE, "x", null, true));
        assertThat(PayloadJson.canonical(payload)).isEqualTo("{\"a\":{\"y\":\"\u00e9\",\"z\":1.50},\"b\":[1,\"x\",null,true]}");
    }

    @Test
    void equal_payloads_have_equal_digests_whatever_their_key_order() {
        Payload one = PayloadJson.read("{\"title\":\"x\",\"labels\":[\"bug\"]}");
        Payload two = PayloadJson.read("{ \"labels\" : [ \"bug\" ] , \"title\" : \"x\" }");

        assertThat(PayloadJson.digest(one)).isEqualTo(PayloadJson.digest(two)).hasSize(64).matches("[0-9a-f]+");
        assertThat(PayloadJson.digest(one)).isNotEqualTo(PayloadJson.digest(PayloadJson.read("{\"title\":\"y\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,\"a\":2}      | Duplicate field 'a'",
        "{\"a\":NaN}            | invalid JSON",
        "{\"a\":1,}             | invalid JSON",
        "{/*c*/\"a\":1}         | invalid JSON",
        "{'a':1}                | invalid JSON",
        "{\"a\":1} x            | invalid JSON",
        "{\"a\":1}{}            | unexpected text after the JSON object",
        "[1]                    | JSON is not an object",
        "\"text\"               | JSON is not an object",
        "{\"a\":                | invalid JSON",
    })
    void strict_reading_rejects_with_one_line(String json, String reason) {
        assertThatThrownBy(() -> PayloadJson.read(json))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"title\":\"a\\ud800b\"}               | \\ud800",
        "{\"title\":\"a\\udc00\"}                | \\udc00",
        "{\"labels\":[\"x\\ud83d\"]}             | \\ud83d",
        "{\"title\":\"\\ude00\\ud83d\"}        | \\ude00",
    })
    void a_request_holding_a_lone_surrogate_is_refused(String json, String named) {
        assertThatThrownBy(() -> PayloadJson.read(json))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageStartingWith("text is not well-formed Unicode: a lone surrogate " + named + " at column");
    }

    @Test
    void a_surrogate_pair_is_well_formed() {
        assertThat(PayloadJson.read("{\"title\":\"\\ud83d\\ude00\"}").string("title")).contains("\uD83D\uDE00");
    }

    @Test
    void a_lone_surrogate_in_a_field_name_is_refused_raw_or_escaped() {
        assertThatThrownBy(() -> PayloadJson.read("{\"branch\uDFFF\":\"main\"}"))
                .isInstanceOf(InvalidJsonException.class)
                .hasMessageStartingWith("text is not well-formed Unicode: a lone surrogate \\udfff");
        assertThatThrownBy(() -> PayloadJson.read("{\"branch\\udfff\":\"main\"}"))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("surrogate");
    }

    @Test
    void a_stored_line_holding_a_lone_surrogate_is_read_with_it_replaced() {
        Payload stored = PayloadJson.readStored("{\"content\":\"a\\ud800b\",\"nested\":{\"x\uDC00\":[\"\\ud83d\"]}}");

        assertThat(stored.string("content")).contains("a\uFFFDb");
        assertThat(stored.get("nested")).isEqualTo(java.util.Map.of("x\uFFFD", List.of("\uFFFD")));
        assertThat(PayloadJson.canonical(stored)).isEqualTo("{\"content\":\"a\uFFFDb\",\"nested\":{\"x\uFFFD\":[\"\uFFFD\"]}}");
    }

    @Test
    void stored_names_that_become_one_when_repaired_are_a_duplicate() {
        assertThatThrownBy(() -> PayloadJson.readStored("{\"a\uD800\":1,\"a\uDC00\":2}"))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("duplicate field \"a\uFFFD\"");
    }

    @Test
    void deep_nesting_is_refused() {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> PayloadJson.read(deep)).isInstanceOf(InvalidJsonException.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void a_number_over_the_length_limit_is_reported_as_too_long_not_as_nesting() {
        String json = "{\"n\":" + "1".repeat(1001) + "}";
        assertThatThrownBy(() -> PayloadJson.read(json)).isInstanceOf(InvalidJsonException.class)
                .hasMessage("invalid JSON: number too long (limit 1000 characters)");
    }

    @Test
    void a_field_name_over_the_length_limit_is_reported_as_too_long_not_as_nesting() {
        String json = "{\"" + "k".repeat(50_001) + "\":1}";
        assertThatThrownBy(() -> PayloadJson.read(json)).isInstanceOf(InvalidJsonException.class)
                .hasMessage("invalid JSON: field name too long (limit 50000 characters)");
    }

    @Test
    void payloads_copy_java_values_into_json_values() {
        Payload payload = Payload.of(java.util.Map.of("n", 3, "l", List.of("a")));
        assertThat(payload.get("n")).isEqualTo(BigInteger.valueOf(3));
        assertThat(PayloadJson.canonical(payload)).isEqualTo("{\"l\":[\"a\"],\"n\":3}");
    }
}
