package dev.chatactions.adapter.claude;

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

    /** One JSON value per line, nothing after it. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        JsonNode usage = root.path("usage");
        TurnEnd.Usage tokens = usage.path("input_tokens").canConvertToLong() && usage.path("output_tokens").canConvertToLong()
                && usage.path("input_tokens").isIntegralNumber() && usage.path("output_tokens").isIntegralNumber()
                ? new TurnEnd.Usage(usage.get("input_tokens").asLong(), usage.get("output_tokens").asLong())
                : null;
        JsonNode cost = root.path("total_cost_usd");
        return new Result(
                root.path("is_error").asBoolean(false),
                textOrNull(root.path("subtype")),
                textOrNull(root.path("session_id")),
                textOrNull(root.path("stop_reason")),
                tokens,
                cost.isNumber() ? cost.decimalValue() : null,
                integerOrNull(root.path("api_error_status")),
                textOrNull(root.path("result")));
    }

    private static Integer integerOrNull(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : null;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
