package dev.chatactions.adapter.claude;

import dev.chatactions.core.port.TurnEnd;
import java.math.BigDecimal;

/** One line of {@code claude --output-format=stream-json}, reduced to what a turn needs ({@link StreamJsonParser}). */
sealed interface StreamJsonLine {

    /** True for the model's own output (its stream events, messages and the result), not the CLI's status lines. */
    default boolean fromModel() {
        return true;
    }

    /** A piece of reply text: {@code stream_event} → {@code content_block_delta} → {@code text_delta}. */
    record TextDelta(String text) implements StreamJsonLine {}

    /** A whole {@code assistant} message's text blocks, joined; the fallback when no delta came. */
    record AssistantText(String text) implements StreamJsonLine {}

    /**
     * The {@code result} line that ends a turn.
     *
     * @param isError the CLI's own verdict; it can exit 0 on an API error, so this wins over the exit code
     * @param subtype e.g. {@code success}, {@code error_during_execution}; may be null
     * @param apiErrorStatus the upstream HTTP status of an API error, or null
     * @param text the reply (on success) or the error's wording (on error: {@code result}, else
     *     the {@code errors} joined); may be null
     */
    record Result(boolean isError, String subtype, String sessionId, String stopReason, TurnEnd.Usage usage,
                  BigDecimal costUsd, Integer apiErrorStatus, String text) implements StreamJsonLine {}

    /**
     * The CLI is about to retry a failed API request ({@code system}/{@code api_retry}).
     *
     * @param status the upstream HTTP status, or null when there was none (a broken stream)
     */
    record ApiRetry(Integer status) implements StreamJsonLine {
        @Override
        public boolean fromModel() {
            return false;
        }
    }

    /** A well-formed line of a type the turn does not use (system, status, other stream events...). */
    record Ignored(String type) implements StreamJsonLine {
        @Override
        public boolean fromModel() {
            return type.startsWith("stream_event") || type.startsWith("assistant");
        }
    }

    /** Not a JSON object with a string {@code type}; {@code problem} says what was wrong, never the line itself. */
    record Malformed(String problem) implements StreamJsonLine {
        @Override
        public boolean fromModel() {
            return false;
        }
    }
}
