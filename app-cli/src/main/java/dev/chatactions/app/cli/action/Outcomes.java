package dev.chatactions.app.cli.action;

import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.service.ActionOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the command line shows an {@link ActionOutcome}: one line for people, an object for scripts. */
final class Outcomes {

    private Outcomes() {
    }

    /** True when the action exists upstream now (done, or done earlier) or a dry run showed it. */
    static boolean succeeded(ActionOutcome outcome) {
        return outcome instanceof ActionOutcome.Done
                || outcome instanceof ActionOutcome.AlreadyDone already && already.earlier() instanceof ActionOutcome.Done;
    }

    /** E.g. {@code created issue #12 https://forge.example/factory/app/issues/12}. */
    static String describe(ActionOutcome outcome) {
        return switch (outcome) {
            case ActionOutcome.Done done -> describe(done.result());
            case ActionOutcome.Denied denied -> "denied: " + String.join("; ", denied.reasons());
            case ActionOutcome.Failed failed -> "failed: " + failed.failure().message()
                    + (failed.failure().retryable() ? " (safe to retry)" : "");
            case ActionOutcome.Unknown unknown -> "outcome unknown: " + unknown.failure().message()
                    + "; 'chat-actions replay HISTORY_FILE --execute' looks for it before trying again";
            case ActionOutcome.AlreadyDone already -> "already ran under key " + already.key() + ", nothing sent: "
                    + describe(already.earlier());
            case ActionOutcome.InProgress running -> "key " + running.key() + " is running elsewhere right now; nothing sent";
            case ActionOutcome.NotRecorded notRecorded -> "not recorded: " + notRecorded.error()
                    + (notRecorded.upstream() == null ? "" : " (upstream: " + describe(notRecorded.upstream()) + ")");
        };
    }

    private static String describe(ActionResult result) {
        if (result.dryRun()) {
            Map<String, Object> request = result.response().body().fields();
            return "dry run, nothing sent: would " + request.get("method") + " " + request.get("url");
        }
        String verb = result.kind().equals("pipeline") ? "started pipeline" : "created " + result.kind();
        return verb + " #" + result.number() + " " + result.url();
    }

    /** The outcome as JSON: {@code outcome} names the kind, the other fields depend on it. */
    static Map<String, Object> json(ActionOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", name(outcome));
        json.put("key", outcome.key());
        switch (outcome) {
            case ActionOutcome.Done done -> result(json, done.result());
            case ActionOutcome.Denied denied -> json.put("reasons", denied.reasons());
            case ActionOutcome.Failed failed -> failure(json, failed.failure());
            case ActionOutcome.Unknown unknown -> failure(json, unknown.failure());
            case ActionOutcome.AlreadyDone already -> json.put("earlier", json(already.earlier()));
            case ActionOutcome.InProgress running -> { }
            case ActionOutcome.NotRecorded notRecorded -> {
                json.put("error", notRecorded.error());
                json.put("upstream", notRecorded.upstream() == null ? null : json(notRecorded.upstream()));
            }
        }
        json.put("message", describe(outcome));
        return json;
    }

    private static String name(ActionOutcome outcome) {
        return switch (outcome) {
            case ActionOutcome.Done done -> done.result().dryRun() ? "dry-run" : "done";
            case ActionOutcome.Denied denied -> "denied";
            case ActionOutcome.Failed failed -> "failed";
            case ActionOutcome.Unknown unknown -> "unknown";
            case ActionOutcome.AlreadyDone already -> "already-done";
            case ActionOutcome.InProgress running -> "in-progress";
            case ActionOutcome.NotRecorded notRecorded -> "not-recorded";
        };
    }

    private static void result(Map<String, Object> json, ActionResult result) {
        json.put("kind", result.kind());
        json.put("number", result.number());
        json.put("url", result.url());
        json.put("state", result.state());
        json.put("response", result.response().body().fields());
    }

    private static void failure(Map<String, Object> json, Failure failure) {
        json.put("failure", failure.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.put("status", failure.status());
        json.put("retryable", failure.retryable());
        json.put("error", failure.message());
    }
}
