package dev.chatactions.adapter.claude;

import dev.chatactions.core.port.TurnEnd;
import java.util.Locale;

/** How a failed turn is told to a person: one sentence, and whether trying again may help. */
final class TurnFailures {

    private TurnFailures() {}

    static TurnEnd.Failed notLoggedIn() {
        return new TurnEnd.Failed("The chat's model is not logged in or its API key is invalid (ask the operator to check its identity).", false);
    }

    static TurnEnd.Failed rateLimited() {
        return new TurnEnd.Failed("The chat's model is rate limited; try again in a minute.", true);
    }

    static TurnEnd.Failed overloaded() {
        return new TurnEnd.Failed("The chat's model is overloaded right now; try again shortly.", true);
    }

    /**
     * A {@code result} line with {@code is_error}: by the upstream status when the CLI names one,
     * else by the CLI's wording (which is never shown: it may quote a request).
     */
    static TurnEnd.Failed fromResult(StreamJsonLine.Result result) {
        Integer status = result.apiErrorStatus();
        String text = result.text() == null ? "" : result.text().toLowerCase(Locale.ROOT);
        if (status != null) {
            TurnEnd.Failed byStatus = fromStatus(status);
            if (byStatus != null) {
                return byStatus;
            }
        }
        if (text.contains("invalid api key") || text.contains("not logged in") || text.contains("/login")
                || text.contains("authentication")) {
            return notLoggedIn();
        }
        if (text.contains("rate limit") || text.contains("usage limit")) {
            return rateLimited();
        }
        if (text.contains("overloaded")) {
            return overloaded();
        }
        if (text.contains("malformed") || text.contains("truncated") || text.contains("connection")) {
            return new TurnEnd.Failed("The connection to the chat's model broke off before the reply was complete; try again.", true);
        }
        if (result.subtype() != null && result.subtype().startsWith("error_max")) {
            return new TurnEnd.Failed("The chat's model stopped at one of its limits before finishing the reply.", false);
        }
        return new TurnEnd.Failed("The chat's model reported an error" + (status == null ? "" : " (HTTP " + status + ")")
                + "; try again.", true);
    }

    /** The failure an upstream status means, or null when it says nothing particular. */
    static TurnEnd.Failed fromStatus(int status) {
        if (status == 401 || status == 403) {
            return notLoggedIn();
        }
        if (status == 429) {
            return rateLimited();
        }
        if (status == 529) {
            return overloaded();
        }
        if (status >= 500) {
            return new TurnEnd.Failed("The chat's model service had an error (HTTP " + status + "); try again.", true);
        }
        if (status == 400 || status == 413) {
            return new TurnEnd.Failed("The chat's model refused the request (HTTP " + status
                    + "); the conversation may be too long, start a new one.", false);
        }
        return null;
    }

    static TurnEnd.Failed timedOut(String which) {
        return new TurnEnd.Failed("The chat's model timed out (" + which + "); try again.", true);
    }

    static TurnEnd.Failed tooLarge(String what) {
        return new TurnEnd.Failed("The chat's model wrote " + what + "; the reply was cut short.", false);
    }

    /** The process ended without a {@code result}: its exit code and the redacted tail of its stderr. */
    static TurnEnd.Failed processFailed(int exitCode, String stderrTail) {
        String detail = stderrTail.isBlank() ? "" : ": " + stderrTail;
        return new TurnEnd.Failed("The model process failed (exit code " + exitCode + ")" + detail, true);
    }

    static TurnEnd.Failed couldNotStart() {
        return new TurnEnd.Failed("The chat's model could not be started (the claude CLI is missing or not executable).", false);
    }
}
