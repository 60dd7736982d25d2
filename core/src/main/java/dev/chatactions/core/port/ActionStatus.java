package dev.chatactions.core.port;

import java.util.Arrays;
import java.util.Optional;

/** The {@code status} of an action line. */
public enum ActionStatus {
    /** Written before the upstream call; a started key with no later line is an unknown outcome. */
    STARTED("started"),
    DONE("done"),
    DENIED("denied"),
    FAILED("failed"),
    /** Sent, but the answer was lost: reconcile before trying again. */
    UNKNOWN("unknown");

    private final String wireName;

    ActionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ActionStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
