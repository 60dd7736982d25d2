package dev.chatactions.core.port;

import dev.chatactions.core.text.KeptText;
import java.util.List;
import java.util.Objects;

/**
 * Why an action did not complete upstream.
 *
 * @param kind what went wrong, which decides how an edge (HTTP, CLI) reports it
 * @param status the upstream HTTP status, 0 when there was no answer
 * @param retryable true when trying the same action again cannot create a duplicate
 * @param message one readable line; a secret in it is hidden, see {@link KeptText}
 * @param details names the message is about (e.g. the unknown label names)
 * @param existing for {@link Kind#ALREADY_EXISTS}: what already exists upstream; else null
 * @param response what the upstream answered (trimmed), or null
 */
public record Failure(
        Kind kind,
        int status,
        boolean retryable,
        String message,
        List<String> details,
        ActionResult existing,
        UpstreamResponse response) {

    /** What went wrong; an edge (HTTP, CLI) picks its answer by kind. */
    public enum Kind {
        /** The upstream refused the request (4xx other than the kinds below). */
        REJECTED,
        /** Bad token or missing scope (401/403). */
        UNAUTHORIZED,
        /** Label names the forge does not know; nothing was created. */
        UNKNOWN_LABELS,
        /** An equivalent object already exists (an open PR for the same head and base). */
        ALREADY_EXISTS,
        /** The CI accepted the trigger but found nothing to run (Woodpecker 204). */
        NOTHING_TO_RUN,
        /** The upstream could not be reached or failed (5xx, 429, connection refused). */
        UNAVAILABLE,
        /** The request may have been sent but no answer came (timeout, reset): outcome unknown. */
        ANSWER_LOST,
        /** The action could not be written to the history. */
        NOT_RECORDED
    }

    /** Checks kind and message; missing details are read as none. */
    public Failure {
        Objects.requireNonNull(kind, "kind");
        message = KeptText.of(Objects.requireNonNull(message, "message"));
        details = details == null ? List.of() : KeptText.of(details);
    }

    /**
     * A failure without details, existing object or recorded answer.
     *
     * @param kind what went wrong
     * @param status the upstream HTTP status, 0 when there was no answer
     * @param retryable true when trying again cannot create a duplicate
     * @param message one readable line, never containing a token
     * @return the failure
     */
    public static Failure of(Kind kind, int status, boolean retryable, String message) {
        return new Failure(kind, status, retryable, message, List.of(), null, null);
    }
}
