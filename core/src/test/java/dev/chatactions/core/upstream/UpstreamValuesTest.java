package dev.chatactions.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import java.math.BigInteger;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small values the adapters build requests from and read answers into. */
class UpstreamValuesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"199, false", "200, true", "204, true", "299, true", "300, false", "404, false"})
    void only_2xx_is_success(int status, boolean success) {
        assertThat(new UpstreamAnswer(status, Map.of(), null).isSuccess()).isEqualTo(success);
    }

    @Test
    void headers_match_case_insensitively_and_skip_empty_values() {
        UpstreamAnswer answer = new UpstreamAnswer(200,
                Map.of("Retry-After", List.of(), "X-Total-Count", List.of("7", "8")), "");

        assertThat(answer.header("x-total-count")).contains("7");
        assertThat(answer.header("retry-after")).isEmpty();
        assertThat(answer.header("X-Other")).isEmpty();
    }

    @Test
    void the_history_keeps_only_the_named_scalar_fields() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("number", 42);
        answer.put("html_url", "http://forge.test/x/1");
        answer.put("merged", false);
        answer.put("user", Map.of("login", "alice"));
        answer.put("labels", List.of("bug"));
        answer.put("body", null);
        answer.put("secret_field", "kept out");

        var kept = AnswerFields.keep(201, answer, List.of("number", "html_url", "merged", "user", "labels", "body", "absent"));

        assertThat(kept.status()).isEqualTo(201);
        assertThat(kept.body()).isEqualTo(Payload.of(Map.of(
                "number", BigInteger.valueOf(42), "html_url", "http://forge.test/x/1", "merged", false)));
    }

    @Test
    void the_api_root_joins_with_or_without_a_trailing_slash() {
        assertThat(Endpoint.apiRoot(URI.create("https://forge.example"), "/api/v1"))
                .isEqualTo(URI.create("https://forge.example/api/v1"));
        assertThat(Endpoint.apiRoot(URI.create("https://forge.example/sub/"), "/api/v1"))
                .isEqualTo(URI.create("https://forge.example/sub/api/v1"));
    }

    @Test
    void path_segments_keep_only_unreserved_characters() {
        assertThat(Endpoint.encode("az-AZ_09.~")).isEqualTo("az-AZ_09.~");
        assertThat(Endpoint.encode("a/b c@`{[:é")).isEqualTo("a%2Fb%20c%40%60%7B%5B%3A%C3%A9");
    }
}
