package dev.chatactions.core.action;

import java.util.Arrays;
import java.util.Optional;

/** The only action types that exist. Everything else is denied by the policy. */
public enum ActionType {
    CI_RUN("ci-run"),
    ISSUE_CREATE("issue-create"),
    PR_CREATE("pr-create");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in markers, URLs and history lines, e.g. {@code issue-create}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ActionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
