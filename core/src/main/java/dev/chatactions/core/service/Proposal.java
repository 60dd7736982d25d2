package dev.chatactions.core.service;

import dev.chatactions.core.action.Payload;
import java.time.Instant;
import java.util.Objects;

/**
 * A valid, allowed marker shown to a person as a button. Its id is also the idempotency key of
 * the click, so it runs at most once.
 *
 * @param digest SHA-256 (hex) of the payload's canonical JSON; a click must send the same
 */
public record Proposal(
        String id, String user, String conversation, String type, Payload payload, String digest, Instant proposedAt) {

    public Proposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(proposedAt, "proposedAt");
    }
}
