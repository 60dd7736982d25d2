package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.testing.Generator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The stream-json line parser on lines as the CLI 2.1.332 printed them, and fuzzed: thousands of
 * mutated lines, as many as every fuzz test runs ({@code -Dfuzz.cases}, seed {@code -Dproperty.seed}:
 * TESTING.md).
 */
class StreamJsonParserTest {

    static final String DELTA = "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello \"}},\"session_id\":\"11111111-2222-4333-8444-555555555555\","
            + "\"parent_tool_use_id\":null,\"uuid\":\"605edc7b-079f-42d0-9474-cd7f9e9f1a07\",\"api_message_id\":\"msg_1\"}";
    static final String ASSISTANT = "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-x\",\"content\":[{\"type\":\"text\",\"text\":\"Hello there friend\"}],\"stop_reason\":null},"
            + "\"parent_tool_use_id\":null,\"session_id\":\"11111111-2222-4333-8444-555555555555\"}";
    static final String RESULT = "{\"duration_api_ms\":41,\"stop_reason\":\"end_turn\",\"session_id\":\"11111111-2222-4333-8444-555555555555\","
            + "\"total_cost_usd\":0.00015999999999999999,\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":0,"
            + "\"output_tokens\":7},\"is_error\":false,\"num_turns\":1,\"subtype\":\"success\",\"api_error_status\":null,"
            + "\"result\":\"Hello there friend\",\"type\":\"result\"}";
    static final String OVERLOADED = "{\"stop_reason\":\"stop_sequence\",\"session_id\":\"a99265bb-b58f-4e3d-b832-d0c808f43660\","
            + "\"total_cost_usd\":0,\"is_error\":true,\"subtype\":\"success\",\"api_error_status\":529,"
            + "\"result\":\"API Error: 529 boom 529. This is a server-side issue\",\"type\":\"result\",\"terminal_reason\":\"api_error\"}";
    static final String RETRY = "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1,\"max_retries\":10,\"retry_delay_ms\":505,"
            + "\"error_status\":401,\"error\":\"authentication_failed\",\"session_id\":\"f3a83bd8-0db2-4bc8-8752-65b3246e8f85\"}";
    static final String SYNTHETIC = "{\"type\":\"assistant\",\"message\":{\"id\":\"869383a0\",\"model\":\"<synthetic>\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"API Error: 529\"}]}}";
    static final String INIT = "{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/tmp/w\",\"session_id\":\"s\",\"tools\":[],\"mcp_servers\":[]}";
    private static final List<String> SEEDS = List.of(DELTA, ASSISTANT, RESULT, OVERLOADED, RETRY, SYNTHETIC, INIT);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_cli_lines_read_as_what_they_are() {
        assertThat(StreamJsonParser.parse(DELTA)).isEqualTo(new StreamJsonLine.TextDelta("Hello "));
        assertThat(StreamJsonParser.parse(ASSISTANT)).isEqualTo(new StreamJsonLine.AssistantText("Hello there friend"));
        assertThat(StreamJsonParser.parse(RESULT)).isEqualTo(new StreamJsonLine.Result(false, "success",
                "11111111-2222-4333-8444-555555555555", "end_turn", new TurnEnd.Usage(5, 7),
                new BigDecimal("0.00015999999999999999"), null, "Hello there friend"));
        assertThat(StreamJsonParser.parse(OVERLOADED)).isInstanceOfSatisfying(StreamJsonLine.Result.class, result -> {
            assertThat(result.isError()).isTrue();
            assertThat(result.apiErrorStatus()).isEqualTo(529);
            assertThat(result.usage()).isNull();
        });
        assertThat(StreamJsonParser.parse(RETRY)).isEqualTo(new StreamJsonLine.ApiRetry(401));
        assertThat(StreamJsonParser.parse(SYNTHETIC)).isInstanceOf(StreamJsonLine.Ignored.class);
        assertThat(StreamJsonParser.parse(INIT)).isEqualTo(new StreamJsonLine.Ignored("system/init"));
    }

    @Test
    void lines_that_are_not_objects_with_a_type_are_malformed() {
        for (String line : List.of("", " ", "null", "42", "\"result\"", "[{\"type\":\"result\"}]", "{\"type\":7}", "{\"type\":",
                "{".repeat(100_000), "{\"type\":\"result\"}}garbage")) {
            assertThat(StreamJsonParser.parse(line)).as(line.length() > 40 ? line.substring(0, 40) : line)
                    .isInstanceOf(StreamJsonLine.Malformed.class);
        }
    }

    @Test
    void fuzzed_lines_never_throw_and_agree_with_an_independent_reading() {
        Generator<String> lines = random -> mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
        Property.forAll(Property.FUZZ_CASES, lines, Shrinker.strings(), line -> {
            StreamJsonLine parsed = StreamJsonParser.parse(line);
            assertThat(parsed).isNotNull();
            if (parsed instanceof StreamJsonLine.TextDelta delta) {
                assertThat(independentDeltaText(line)).isEqualTo(delta.text());
            }
        });
    }

    /** The text_delta's text read with a plain tree walk, or null when the line holds none. */
    private static String independentDeltaText(String line) {
        try {
            JsonNode text = JSON.readTree(line).at("/event/delta/text");
            return text.isTextual() ? text.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String mutate(String seed, RandomGenerator random) {
        String line = seed;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int at = line.isEmpty() ? 0 : random.nextInt(line.length());
            switch (random.nextInt(9)) {
                case 0 -> line = line.substring(0, at);
                case 1 -> line = line.substring(0, at) + (char) random.nextInt(0x3000) + line.substring(at);
                case 2 -> line = line.substring(0, at) + line.substring(Math.min(line.length(), at + 1 + random.nextInt(8)));
                case 3 -> line = line.replaceFirst("\"text\":\"[^\"]*\"", "\"text\":" + List.of("null", "1e400", "[]", "{}", "true",
                        "\"\\ud800\"", "\"\\u0000<action>\"").get(random.nextInt(7)));
                case 4 -> line = line.replaceFirst("\"type\":\"[a-z_]+\"", "\"type\":\"" + List.of("result", "assistant",
                        "stream_event", "system", "unknown_future").get(random.nextInt(5)) + "\"");
                case 5 -> line = "{".repeat(random.nextInt(3000)) + line;
                case 6 -> line = line.substring(0, at) + line + line.substring(at);
                case 7 -> {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                    line = new String(bytes, StandardCharsets.UTF_8);
                }
                default -> line = line.replaceFirst("[0-9]+", List.of("-1", "99999999999999999999999", "0.5", "\"7\"").get(random.nextInt(4)));
            }
        }
        return line;
    }
}
