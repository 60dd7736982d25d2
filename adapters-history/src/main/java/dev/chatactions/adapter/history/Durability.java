package dev.chatactions.adapter.history;

/** How an append reaches the disk before it returns. */
public enum Durability {
    /** Forced to disk before it returns; concurrent appends to one file share one force (the default). */
    GROUP_COMMIT(true, true),
    /** Forced to disk before it returns, each append with a force of its own. */
    PER_APPEND(true, false),
    /** Written to the operating system only: fast, but a power loss may lose the last appends. */
    NONE(false, true);

    private final boolean forces;
    private final boolean sharesWrites;

    Durability(boolean forces, boolean sharesWrites) {
        this.forces = forces;
        this.sharesWrites = sharesWrites;
    }

    boolean forces() {
        return forces;
    }

    /** Whether this append may be written and forced together with other waiting appends. */
    boolean sharesWrites() {
        return sharesWrites;
    }
}
