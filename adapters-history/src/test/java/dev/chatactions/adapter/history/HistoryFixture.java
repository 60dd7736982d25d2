package dev.chatactions.adapter.history;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.UpstreamResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records of every kind, with the fields that are easy to get wrong filled in. */
final class HistoryFixture {

    static final Instant TS = Instant.parse("2026-11-23T20:00:00.123456Z");
    static final String USER = "alice";
    static final String CONVERSATION = "0123456789ab";

    private HistoryFixture() {}

    static ChatLine chat(String content) {
        return new ChatLine(TS, USER, CONVERSATION, "assistant", content);
    }

    static ProposalLine proposal(String id) {
        Payload payload = Payload.of(Map.of("title", "Flaky test", "labels", List.of("bug", "ci"),
                "weight", new BigDecimal("1.50"), "nested", Map.of("n", 12345678901234567L, "none", Map.of())));
        return new ProposalLine(TS, USER, CONVERSATION, id, "issue-create", payload, PayloadJson.digest(payload));
    }

    static ActionLine started(String key) {
        return new ActionLine(TS, USER, CONVERSATION, "issue-create", key, "p-1",
                Payload.of(Map.of("title", "Flaky test")), ActionStatus.STARTED, List.of(), null, null, null);
    }

    static ActionLine done(String key) {
        UpstreamResponse response = new UpstreamResponse(201, Payload.of(Map.of("number", 7, "html_url", "https://forge/x/7")));
        ActionResult result = new ActionResult("issue", 1234, 7, "https://forge/x/7", "open", response);
        return new ActionLine(TS, USER, CONVERSATION, "issue-create", key, null,
                Payload.of(Map.of("title", "Flaky test")), ActionStatus.DONE, List.of(), result, null, "earlier-key");
    }

    static ActionLine failed(String key) {
        ActionResult existing = new ActionResult("pull", 9, 3, "https://forge/x/pulls/3", "open",
                new UpstreamResponse(200, Payload.of(Map.of("number", 3))));
        Failure failure = new Failure(Failure.Kind.UNKNOWN_LABELS, 422, false, "labels \"nope\" do not exist",
                List.of("nope"), existing, new UpstreamResponse(422, Payload.of(Map.of("message", "bad"))));
        return new ActionLine(TS, USER, null, "issue-create", key, null,
                Payload.of(Map.of("title", "x", "labels", List.of("nope"))), ActionStatus.FAILED, List.of(), null,
                failure, null);
    }

    static ActionLine denied(String key) {
        return new ActionLine(TS, USER, CONVERSATION, "repo-delete", key, null, Payload.of(Map.of("force", true)),
                ActionStatus.DENIED, List.of("not an additive action", "unknown field \"force\""), null, null, null);
    }
}
