package dev.chatactions.core.conversation;

import java.time.Duration;
import java.util.Objects;

/**
 * The caps of the conversation.
 *
 * @param maxMessageChars longest message a person may send (UTF-16 chars)
 * @param maxReplyChars longest reply kept; beyond it the model is cancelled and the reply cut short
 * @param maxTurn longest a turn may run before it is cancelled
 * @param turnsPerUser turns one person may run at once (in different conversations)
 * @param turnsInTotal turns the server runs at once
 * @param retryAfter what a refusal for too many turns asks the caller to wait
 */
public record ConverseLimits(
        int maxMessageChars, int maxReplyChars, Duration maxTurn, int turnsPerUser, int turnsInTotal, Duration retryAfter) {

    public ConverseLimits {
        if (maxMessageChars < 1 || maxReplyChars < 1 || turnsPerUser < 1 || turnsInTotal < 1) {
            throw new IllegalArgumentException("every conversation cap must be at least 1");
        }
        Objects.requireNonNull(maxTurn, "maxTurn");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * 16 000-char messages, 16 000-char replies, 5-minute turns, 4 turns a person, 64 in all.
     *
     * <p>16 000 chars are some 4 000 tokens: pages of prose and several markers, more than a chat reply
     * that proposes actions needs. The reply cap times the turns at once bounds what the turns hold
     * (a turn streamed a character at a time holds some 11 bytes a char of the cap while it runs: the
     * reply, the marker scan's text, the events), and that has to fit the server's 36 MiB heap beside
     * the ledger at its bound; 200 000 chars made it some 140 MiB.
     */
    public static ConverseLimits defaults() {
        return new ConverseLimits(16_000, 16_000, Duration.ofMinutes(5), 4, 64, Duration.ofSeconds(10));
    }

    /** These limits with another reply cap. */
    public ConverseLimits withMaxReplyChars(int chars) {
        return new ConverseLimits(maxMessageChars, chars, maxTurn, turnsPerUser, turnsInTotal, retryAfter);
    }
}
