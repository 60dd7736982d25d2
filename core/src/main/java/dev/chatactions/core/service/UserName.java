package dev.chatactions.core.service;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person's name as the history and the ledgers use it: usable as a directory name.
 *
 * @param value 1-64 of {@code [A-Za-z0-9._-]}, not {@code .} or {@code ..}
 */
public record UserName(String value) {

    /** The rule, as error messages name it. */
    public static final String RULE = "1-64 of [A-Za-z0-9._-] (and not . or ..)";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Checks the rule; the message names it. */
    public UserName {
        Objects.requireNonNull(value, "user");
        if (!isValid(value)) {
            throw new IllegalArgumentException("user must be " + RULE);
        }
    }

    /**
     * Whether a name keeps the rule, for filters that skip what is not a user's (e.g. other directories).
     *
     * @param value a candidate name
     * @return true when {@code new UserName(value)} accepts it
     */
    public static boolean isValid(String value) {
        return SHAPE.matcher(value).matches() && !value.equals(".") && !value.equals("..");
    }

    /** {@return the name itself} */
    @Override
    public String toString() {
        return value;
    }
}
