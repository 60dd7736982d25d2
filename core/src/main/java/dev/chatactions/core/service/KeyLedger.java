package dev.chatactions.core.service;

import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import java.util.Optional;

/**
 * Which keys have run and how each ended. Every instance that shares a store sees a claim at once.
 * When its store cannot be reached a method throws an unchecked exception (e.g. a
 * {@link HistoryException}); {@link ActionService} then calls no upstream. Its promises are
 * {@code KeyLedgerContract} in core's test-jar.
 */
public interface KeyLedger {

    /**
     * Claims the key for a new run, atomically across threads and instances.
     *
     * @param key the user's key
     * @param running the state it takes
     * @return empty: the caller owns it now; present: the state it already had (the caller owns nothing)
     */
    Optional<KeyState> claim(LedgerKey key, KeyState.Running running);

    /**
     * Takes a settled key again (a replay), only if its state is still exactly {@code expected}.
     *
     * @param key the user's key
     * @param expected the state the caller saw
     * @param running the state it takes
     * @return true when taken
     */
    boolean reclaim(LedgerKey key, KeyState.Settled expected, KeyState.Running running);

    /**
     * Records how the caller's run ended.
     *
     * @param key the user's key
     * @param settled how it ended
     */
    void settle(LedgerKey key, KeyState.Settled settled);

    /**
     * Gives back a claim whose run never started (its started line could not be written).
     *
     * @param key the user's key
     * @param running the claim given back; a key in any other state stays as it is
     */
    void release(LedgerKey key, KeyState.Running running);

    /**
     * The key's state.
     *
     * @param key the user's key
     * @return its state, or empty when it never ran
     */
    Optional<KeyState> find(LedgerKey key);

    /**
     * Rebuilds its state from one history line at start-up (a store that is itself the truth may
     * ignore it). A started line with no end settles as unknown; a denied line claims nothing; a line
     * whose user or key breaks the name rules is ignored, since no request can name its key.
     *
     * @param line one action line, in history order
     */
    void remember(HistoryRecord.ActionLine line);
}
