package dev.chatactions.core.service;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import java.time.Instant;
import java.util.Objects;

/**
 * A valid, allowed marker shown to a person as a button. Its id is also the idempotency key of
 * the click, so it runs at most once.
 *
 * @param id the proposal id, also the idempotency key of its click
 * @param user the person it was shown to
 * @param conversation the conversation it was shown in, or null
 * @param type the marker's wire type
 * @param payload what the marker held
 * @param digest SHA-256 (hex) of the payload's canonical JSON; a click must send the same
 * @param proposedAt when it was first proposed
 */
public record Proposal(
        String id, String user, String conversation, String type, Payload payload, String digest, Instant proposedAt) {

    /** Checks the required components. */
    public Proposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(proposedAt, "proposedAt");
    }

    /**
     * The proposal a history line records.
     *
     * @param line a proposal line
     * @return its proposal
     */
    public static Proposal of(ProposalLine line) {
        return new Proposal(line.id(), line.user(), line.conversation(), line.type(), line.payload(), line.digest(), line.ts());
    }
}
