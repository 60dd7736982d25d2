package dev.chatactions.app.http;

import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.service.ActionOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an {@link ActionOutcome} is answered over HTTP: the status, and either the success document
 * or a problem. One table for JSON clients and HTMX fragments alike.
 *
 * <p>Failure kinds: unknown labels and "nothing to run" are the request's fault and get 422 with the
 * helpful message (nothing was created); an existing pull request is 409 naming it; every other
 * upstream refusal or outage is 502 with the upstream's status; a lost answer is 504 with the
 * outcome "unknown"; a history that cannot be written is 500 (503 when nothing was sent).
 */
record OutcomeAnswer(int status, Map<String, Object> document, HttpProblem problem) {

    static final String DRY_RUN_NOTE = "dry run — nothing was sent";

    boolean isProblem() {
        return problem != null;
    }

    static OutcomeAnswer of(String type, ActionOutcome outcome) {
        if (outcome instanceof ActionOutcome.AlreadyDone already) {
            OutcomeAnswer earlier = of(type, already.earlier());
            return earlier.isProblem()
                    ? failure(earlier.problem().with("replayed", true))
                    : new OutcomeAnswer(earlier.status(), withReplayed(earlier.document()), null);
        }
        if (outcome instanceof ActionOutcome.Done done) {
            return new OutcomeAnswer(200, doneDocument(type, done), null);
        }
        if (outcome instanceof ActionOutcome.Denied denied) {
            return failure(problem(403, "denied", "Not allowed", "denied by policy: " + String.join("; ", denied.reasons()),
                    outcome, Map.of("reasons", denied.reasons())));
        }
        if (outcome instanceof ActionOutcome.Failed failed) {
            return failure(failedProblem(outcome, failed.failure()));
        }
        if (outcome instanceof ActionOutcome.Unknown unknown) {
            return failure(problem(504, "outcome-unknown", "Upstream answer lost",
                    unknown.failure().message() + " (the outcome is unknown; it is checked before any retry)",
                    outcome, Map.of("outcome", "unknown", "upstream_status", unknown.failure().status())));
        }
        if (outcome instanceof ActionOutcome.InProgress) {
            return failure(problem(409, "in-progress", "Already running",
                    "this action is running right now; reload to see its outcome", outcome, Map.of()));
        }
        ActionOutcome.NotRecorded notRecorded = (ActionOutcome.NotRecorded) outcome;
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (notRecorded.upstream() != null) {
            OutcomeAnswer upstream = of(type, notRecorded.upstream());
            extensions.put("upstream_outcome", upstream.isProblem() ? upstream.problem().body() : upstream.document());
        }
        return failure(problem(notRecorded.upstream() == null ? 503 : 500, "not-recorded", "History not written",
                notRecorded.error(), outcome, extensions));
    }

    private static HttpProblem failedProblem(ActionOutcome outcome, Failure failure) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("upstream_status", failure.status());
        extensions.put("retryable", failure.retryable());
        return switch (failure.kind()) {
            case UNKNOWN_LABELS -> {
                extensions.put("labels", failure.details());
                yield problem(422, "unknown-labels", "Unknown labels", failure.message(), outcome, extensions);
            }
            case NOTHING_TO_RUN -> problem(422, "nothing-to-run", "Nothing to run", failure.message(), outcome, extensions);
            case ALREADY_EXISTS -> {
                ActionResult existing = failure.existing();
                if (existing != null) {
                    extensions.put("existing", resultFields(existing));
                }
                yield problem(409, "already-exists", "Already exists", failure.message(), outcome, extensions);
            }
            case NOT_RECORDED -> problem(500, "not-recorded", "History not written", failure.message(), outcome, extensions);
            case ANSWER_LOST -> problem(504, "outcome-unknown", "Upstream answer lost", failure.message(), outcome, extensions);
            case REJECTED, UNAUTHORIZED, UNAVAILABLE -> problem(502, "upstream-failed", "Upstream failed",
                    failure.message(), outcome, extensions);
        };
    }

    private static Map<String, Object> doneDocument(String type, ActionOutcome.Done done) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("status", "done");
        document.put("type", type);
        document.put("key", done.key());
        document.put("result", resultFields(done.result()));
        if (done.result().dryRun()) {
            document.put("dry_run", true);
            document.put("note", DRY_RUN_NOTE);
            document.put("would_send", done.result().response().body().fields());
        }
        return document;
    }

    static Map<String, Object> resultFields(ActionResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", result.kind());
        fields.put("id", result.id());
        fields.put("number", result.number());
        fields.put("url", result.url());
        fields.put("state", result.state());
        return fields;
    }

    private static HttpProblem problem(
            int status, String slug, String title, String detail, ActionOutcome outcome, Map<String, ?> extensions) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("key", outcome.key());
        all.putAll(extensions);
        return new HttpProblem(status, slug, title, detail, all, Map.of());
    }

    private static Map<String, Object> withReplayed(Map<String, Object> document) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put("replayed", true);
        return copy;
    }

    private static OutcomeAnswer failure(HttpProblem problem) {
        return new OutcomeAnswer(problem.status(), null, problem);
    }
}
