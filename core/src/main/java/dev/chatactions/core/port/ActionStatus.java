package dev.chatactions.core.port;

import java.util.Arrays;
import java.util.Optional;

/** The {@code status} of an action line. */
public enum ActionStatus {
    /** Written before the upstream call; a started key with no later line is an unknown outcome. */
    STARTED("started"),
    /** The upstream created it. */
    DONE("done"),
    /** The policy refused it; nothing was sent. */
    DENIED("denied"),
    /** The upstream did not create it. */
    FAILED("failed"),
    /** Sent, but the answer was lost: reconcile before trying again. */
    UNKNOWN("unknown");

    private final String wireName;

    ActionStatus(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the word in history lines, e.g. {@code done}} */
    public String wireName() {
        return wireName;
    }

    /**
     * The status with this wire name.
     *
     * @param name a word from a history line
     * @return the status, or empty for an unknown word
     */
    public static Optional<ActionStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
