package dev.chatactions.adapter.claude;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.adapter.claude.StreamJsonLine.ApiRetry;
import dev.chatactions.adapter.claude.StreamJsonLine.AssistantText;
import dev.chatactions.adapter.claude.StreamJsonLine.Ignored;
import dev.chatactions.adapter.claude.StreamJsonLine.Malformed;
import dev.chatactions.adapter.claude.StreamJsonLine.Result;
import dev.chatactions.adapter.claude.StreamJsonLine.TextDelta;
import dev.chatactions.core.port.TurnEnd;

/** Reads the lines of {@code claude --output-format=stream-json}. */
final class StreamJsonParser {

    /**
     * One JSON value per line, nothing after it; buffers from Jackson's shared bounded pool (each
     * turn reads on a thread of its own).
     */
    private static final ObjectMapper JSON = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StreamJsonParser() {}

    /** Never throws: a line that is not a JSON object with a type is {@link Malformed}; a type not used is {@link Ignored}. */
    static StreamJsonLine parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (Exception | StackOverflowError e) {
            return new Malformed("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            return new Malformed("not a JSON object with a type");
        }
        String type = root.get("type").asText();
        switch (type) {
            case "stream_event": {
                JsonNode event = root.path("event");
                JsonNode delta = event.path("delta");
                if ("content_block_delta".equals(event.path("type").asText())
                        && "text_delta".equals(delta.path("type").asText()) && delta.path("text").isTextual()) {
                    return new TextDelta(delta.get("text").asText());
                }
                return new Ignored(type + "/" + event.path("type").asText("?"));
            }
            case "assistant":
                // The CLI words its own errors as a "<synthetic>" assistant message: not reply text.
                return "<synthetic>".equals(root.path("message").path("model").asText())
                        ? new Ignored("assistant/<synthetic>")
                        : new AssistantText(textBlocks(root.path("message").path("content")));
            case "system":
                return "api_retry".equals(root.path("subtype").asText())
                        ? new ApiRetry(integerOrNull(root.path("error_status")))
                        : new Ignored(type + "/" + root.path("subtype").asText("?"));
            case "result":
                return result(root);
            default:
                return new Ignored(type);
        }
    }

    private static String textBlocks(JsonNode content) {
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                    text.append(block.get("text").asText());
                }
            }
        }
        return text.toString();
    }

    private static Result result(JsonNode root) {
        JsonNode input = root.path("usage").path("input_tokens");
        JsonNode output = root.path("usage").path("output_tokens");
        TurnEnd.Usage usage = isLong(input) && isLong(output) ? new TurnEnd.Usage(input.asLong(), output.asLong()) : null;
        JsonNode cost = root.path("total_cost_usd");
        boolean isError = root.path("is_error").asBoolean(false);
        String text = textOrNull(root.path("result"));
        if (text == null && isError) {
            text = errors(root.path("errors"));
        }
        return new Result(isError, textOrNull(root.path("subtype")), textOrNull(root.path("session_id")),
                textOrNull(root.path("stop_reason")), usage, cost.isNumber() ? cost.decimalValue() : null,
                integerOrNull(root.path("api_error_status")), text);
    }

    private static boolean isLong(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    /** A result without {@code result} text may say what went wrong in {@code errors}: joined, or null. */
    private static String errors(JsonNode errors) {
        if (!errors.isArray() || errors.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        errors.forEach(error -> joined.append(joined.length() == 0 ? "" : "; ").append(error.asText()));
        return joined.toString();
    }

    private static Integer integerOrNull(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : null;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
