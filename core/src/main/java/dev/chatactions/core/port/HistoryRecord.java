package dev.chatactions.core.port;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.text.UnicodeText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the NDJSON history. Chat lines are written by the chat front end (and by us for the
 * demo conversation); proposal and action lines are ours and carry the hash chain ({@code prev}),
 * which the history adapter adds when it appends.
 */
public sealed interface HistoryRecord
        permits HistoryRecord.ChatLine, HistoryRecord.ProposalLine, HistoryRecord.ActionLine,
                HistoryRecord.UnreadableLine {

    /**
     * A chat message: {@code {"ts","user","role","content"}} with role user, assistant, system...
     * Its role and content are always well-formed Unicode (lone surrogates become U+FFFD), so a
     * message can always be written and shown.
     *
     * @param ts when it was written
     * @param user the person the conversation belongs to
     * @param conversation the conversation id, or null outside one
     * @param role who speaks: {@code user}, {@code assistant}, {@code system}...
     * @param content the message; null is read as empty
     * @param turn what our own turn adds (extra fields old readers ignore); null for other programs' lines
     */
    record ChatLine(Instant ts, String user, String conversation, String role, String content, Turn turn)
            implements HistoryRecord {
        /** Checks the required components and repairs role and content to well-formed Unicode. */
        public ChatLine {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(user, "user");
            role = UnicodeText.repaired(Objects.requireNonNull(role, "role"));
            content = content == null ? "" : UnicodeText.repaired(content);
        }

        /** A line as other chat front ends write it. */
        public ChatLine(Instant ts, String user, String conversation, String role, String content) {
            this(ts, user, conversation, role, content, null);
        }

        /**
         * The turn a line of ours belongs to.
         *
         * @param id the turn id (the user line and the assistant line of one turn share it)
         * @param modelSession the model's session (assistant lines), else null
         * @param cutShort why the reply stops early (failed, cancelled, too long), null when it is whole
         */
        public record Turn(String id, String modelSession, String cutShort) {
            public Turn {
                Objects.requireNonNull(id, "id");
            }
        }
    }

    /**
     * A marker shown as a button: {@code role:"proposal"}.
     *
     * @param ts when it was proposed
     * @param user the person it was shown to
     * @param conversation the conversation it was shown in, or null
     * @param id the proposal id, also the idempotency key of its click
     * @param type the marker's wire type
     * @param payload what the marker held
     * @param digest SHA-256 (hex) of the payload's canonical JSON
     */
    record ProposalLine(
            Instant ts, String user, String conversation, String id, String type, Payload payload, String digest)
            implements HistoryRecord {
        /** Checks the required components. */
        public ProposalLine {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /**
     * An action attempt: {@code role:"action"}. A run writes a {@code started} line before it calls
     * the upstream and a final line after, so a crash in between leaves a visible unknown.
     *
     * @param ts when the line was written
     * @param user the person who asked
     * @param conversation null for actions outside a conversation ({@code {user}/actions.ndjson})
     * @param type the requested type as sent, even when it is not one that exists
     * @param proposal the proposal id the click came from, or null (API and CLI use)
     * @param key the idempotency key the attempt ran under
     * @param request the payload as requested; null is read as empty
     * @param status where the attempt stands
     * @param reasons why it was denied (status denied), else empty
     * @param result set when {@code status} is done
     * @param failure set when {@code status} is failed or unknown
     * @param replayOf the key of the record this one replays (CLI replay), else null
     */
    record ActionLine(
            Instant ts,
            String user,
            String conversation,
            String type,
            String key,
            String proposal,
            Payload request,
            ActionStatus status,
            List<String> reasons,
            ActionResult result,
            Failure failure,
            String replayOf)
            implements HistoryRecord {
        /** Checks the required components; missing request and reasons are read as empty. */
        public ActionLine {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
            request = request == null ? Payload.empty() : request;
            Objects.requireNonNull(status, "status");
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /**
     * A line that could not be read; reported, never fatal.
     *
     * @param location {@code file:line}
     * @param problem what is wrong with it, one line
     */
    record UnreadableLine(String location, String problem) implements HistoryRecord {
        /** Checks that both components are present. */
        public UnreadableLine {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
