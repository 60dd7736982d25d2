package dev.chatactions.core.port;

import java.util.stream.Stream;

/**
 * The append-only history. Streams are lazy and must be closed (try-with-resources); they never
 * hold whole files in memory and never yield a partial line as data.
 */
public interface HistoryPort {

    /**
     * Appends one record durably (as configured). Proposal and action lines get the hash chain.
     *
     * @param record a chat, proposal or action line
     * @throws HistoryException when the record could not be written; nothing partial remains
     * @throws IllegalArgumentException for an {@link HistoryRecord.UnreadableLine} or an invalid user or conversation name
     */
    void append(HistoryRecord record);

    /**
     * One conversation's records in file order.
     *
     * @param user the user's name
     * @param conversation 12 hex characters, or null for the user's records outside a conversation
     * @return a lazy stream to close
     */
    Stream<HistoryRecord> conversation(String user, String conversation);

    /**
     * The user's conversation ids (12 hex chars), newest file first.
     *
     * @param user the user's name
     * @return a lazy stream to close
     */
    Stream<String> conversations(String user);

    /**
     * Every record of one user, file by file.
     *
     * @param user the user's name
     * @return a lazy stream to close
     */
    Stream<HistoryRecord> user(String user);

    /**
     * The proposal line whose id is {@code key} and the action lines whose key is {@code key}, of one
     * user, in the order {@link #user} reads them: what a bounded key ledger reads when a key it no
     * longer holds comes back. A store with an index on keys answers this without a full read.
     *
     * @param user the user's name
     * @param key a proposal id or idempotency key
     * @return a lazy stream to close
     */
    default Stream<HistoryRecord> keyed(String user, String key) {
        return user(user).filter(record -> record instanceof HistoryRecord.ProposalLine proposal
                ? proposal.id().equals(key)
                : record instanceof HistoryRecord.ActionLine action && action.key().equals(key));
    }

    /**
     * Every record of every user: for replay and for rebuilding state at start-up.
     *
     * @return a lazy stream to close
     */
    Stream<HistoryRecord> all();
}
