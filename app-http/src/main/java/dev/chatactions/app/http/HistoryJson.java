package dev.chatactions.app.http;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** History records as {@code GET /chat/history/{id}} answers them: the field names of the NDJSON lines. */
final class HistoryJson {

    private HistoryJson() {}

    static Map<String, Object> line(HistoryRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (record) {
            case ChatLine chat -> {
                head(json, chat.ts().toString(), chat.user(), chat.role());
                json.put("content", chat.content());
                if (chat.turn() != null) {
                    json.put("turn", chat.turn().id());
                    putIfPresent(json, "model_session", chat.turn().modelSession());
                    putIfPresent(json, "cut_short", chat.turn().cutShort());
                }
            }
            case ProposalLine proposal -> {
                head(json, proposal.ts().toString(), proposal.user(), "proposal");
                json.put("conversation", proposal.conversation());
                json.put("id", proposal.id());
                json.put("type", proposal.type());
                json.put("payload", fields(proposal.payload()));
                json.put("digest", proposal.digest());
            }
            case ActionLine action -> {
                head(json, action.ts().toString(), action.user(), "action");
                json.put("conversation", action.conversation());
                json.put("type", action.type());
                json.put("key", action.key());
                json.put("proposal", action.proposal());
                json.put("request", fields(action.request()));
                json.put("status", action.status().wireName());
                if (action.result() != null) {
                    json.put("result", OutcomeAnswer.resultFields(action.result()));
                }
                if (action.failure() != null) {
                    json.put("failure", failure(action.failure()));
                }
                if (!action.reasons().isEmpty()) {
                    json.put("reasons", action.reasons());
                }
                putIfPresent(json, "replay_of", action.replayOf());
            }
            case UnreadableLine unreadable -> {
                json.put("role", "unreadable");
                json.put("location", unreadable.location());
                json.put("problem", unreadable.problem());
            }
        }
        return json;
    }

    private static void head(Map<String, Object> json, String ts, String user, String role) {
        json.put("ts", ts);
        json.put("user", user);
        json.put("role", role);
    }

    private static Map<String, Object> failure(Failure failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", failure.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        json.put("status", failure.status());
        json.put("retryable", failure.retryable());
        json.put("message", failure.message());
        return json;
    }

    private static Map<String, Object> fields(Payload payload) {
        return payload.fields();
    }

    private static void putIfPresent(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
