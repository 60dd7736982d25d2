package dev.chatactions.core.port;

import dev.chatactions.core.text.KeptText;
import dev.chatactions.core.action.Payload;
import java.util.Objects;

/**
 * What an upstream answered, as recorded in the history: the HTTP status and the fields of the
 * body worth keeping (never request or response headers, never a token). {@code status} is 0 when
 * nothing was sent (dry run). Every string in the body is {@link KeptText}.
 *
 * @param status the HTTP status, or 0
 * @param body the fields kept from the answer's body
 */
public record UpstreamResponse(int status, Payload body) {

    /** Checks that the body is present and keeps its strings as {@link KeptText}. */
    public UpstreamResponse {
        body = KeptText.of(Objects.requireNonNull(body, "body"));
    }
}
