package dev.chatactions.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the key ledger and the proposals stays in memory: what settled or was proposed within
 * {@code window}, and at most {@code capacity} entries of each. The rest is read back from the history
 * when it is asked for, so a bound changes speed, never an answer.
 *
 * @param window how long a settled key or a proposal is kept after it started or was proposed
 * @param capacity how many entries each keeps at most (running keys are never dropped, so may exceed it)
 */
public record LedgerRetention(Duration window, int capacity) {

    /** A day: a retry or a click on yesterday's button is answered from memory. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

    /**
     * About 1.4 KiB each, so some 2.8 MiB per set at most: far more clicks than a day of people
     * clicking, and small enough for the server's 36 MiB heap beside 64 streaming turns.
     */
    public static final int DEFAULT_CAPACITY = 2_000;

    /** Checks that both are positive. */
    public LedgerRetention {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a retention window must be positive, got " + window);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("a retention capacity must be at least 1, got " + capacity);
        }
    }

    /**
     * The default capacity with {@code window}.
     *
     * @param window how long entries are kept
     * @return the retention
     */
    public static LedgerRetention of(Duration window) {
        return new LedgerRetention(window, DEFAULT_CAPACITY);
    }
}
