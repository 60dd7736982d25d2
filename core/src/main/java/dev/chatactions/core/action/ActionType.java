package dev.chatactions.core.action;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** The only action types that exist. Everything else is denied by the policy. */
public enum ActionType {
    /** {@code ci-run}: start a manual CI pipeline. */
    CI_RUN("ci-run"),
    /** {@code issue-create}: open an issue. */
    ISSUE_CREATE("issue-create"),
    /** {@code pr-create}: open a pull request. */
    PR_CREATE("pr-create");

    /** The form of every type name a marker or a request may carry, known or not. */
    public static final String NAME_FORM = "[a-z][a-z0-9-]{0,63}";

    private static final Pattern NAME = Pattern.compile(NAME_FORM);

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in markers, URLs and history lines.
     *
     * @return e.g. {@code issue-create}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The type with this wire name.
     *
     * @param name a wire name as written in a marker or request
     * @return the type, or empty for any name that is not one of the three
     */
    public static Optional<ActionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /**
     * Whether a name has the form of a type name; an unknown one is still read, and then denied by the policy.
     *
     * @param name a name as written in a marker or request
     * @return true when it has the form {@value #NAME_FORM}
     */
    public static boolean isTypeName(String name) {
        return NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
