package dev.chatactions.core.service;

import dev.chatactions.core.action.Payload;
import java.util.Objects;
import java.util.regex.Pattern;

/** Carry out one action a person asked for: policy, idempotency, upstream, history. */
public interface ExecuteActionUseCase {

    /**
     * Runs the request at most once per key: decides, records, calls the upstream, records again.
     *
     * @param command the request
     * @return what became of it; failures are outcomes, not exceptions
     */
    ActionOutcome execute(ExecuteActionCommand command);

    /**
     * One request to run an action.
     *
     * @param user the signed-in person
     * @param conversation the conversation, or null for actions outside one
     * @param type the wire type as requested (may be one that does not exist: it is denied and recorded)
     * @param payload the JSON object sent
     * @param idempotencyKey a caller-chosen key ({@code Idempotency-Key}), or null
     * @param proposal the proposal the click came from, or null (API and CLI use)
     */
    record ExecuteActionCommand(UserName user, ConversationId conversation, String type, Payload payload,
            IdempotencyKey idempotencyKey, ProposalClaim proposal) {

        /** Checks that user, type and payload are present. */
        public ExecuteActionCommand {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
        }

        /**
         * A request as the edges read it, its names checked here.
         *
         * @param user the signed-in person
         * @param conversation 12 lower-case hex chars, or null for actions outside a conversation
         * @param type the wire type as requested
         * @param payload the JSON object sent
         * @param idempotencyKey a caller-chosen key, or null
         * @param proposal the proposal the click came from, or null
         * @throws IllegalArgumentException naming the rule a name breaks
         */
        public ExecuteActionCommand(
                String user, String conversation, String type, Payload payload, String idempotencyKey, ProposalClaim proposal) {
            this(new UserName(user), ConversationId.ofNullable(conversation), type, payload,
                    IdempotencyKey.ofNullable(idempotencyKey), proposal);
        }
    }

    /**
     * The proposal id and the payload digest the button carried.
     *
     * @param id the proposal id, also its click's key
     * @param digest SHA-256 (64 lower-case hex) of the payload the button showed
     */
    record ProposalClaim(IdempotencyKey id, String digest) {
        private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

        /** Checks that the id is present and that the digest is 64 lower-case hex characters. */
        public ProposalClaim {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(digest, "digest");
            if (!HEX64.matcher(digest).matches()) {
                throw new IllegalArgumentException("digest must be 64 lower-case hex characters");
            }
        }

        /**
         * The claim as a button sends it.
         *
         * @param id the proposal id
         * @param digest SHA-256 (64 lower-case hex) of the payload the button showed
         * @throws IllegalArgumentException when the id breaks the key rule or the digest is not 64 hex
         */
        public ProposalClaim(String id, String digest) {
            this(new IdempotencyKey(id), digest);
        }
    }
}
