package dev.chatactions.core.service;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A conversation's id: its history file's name.
 *
 * @param value exactly 12 lower-case hex characters
 */
public record ConversationId(String value) {

    /** The rule, as error messages name it. */
    public static final String RULE = "12 lower-case hex characters";

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{12}");

    /** Checks the rule; the message names it. */
    public ConversationId {
        Objects.requireNonNull(value, "conversation");
        if (!isValid(value)) {
            throw new IllegalArgumentException("conversation must be " + RULE);
        }
    }

    /**
     * The id of a conversation, or none for what happens outside one (a user's actions).
     *
     * @param value an id, or null
     * @return the checked id, or null when {@code value} is null
     * @throws IllegalArgumentException when {@code value} breaks the rule
     */
    public static ConversationId ofNullable(String value) {
        return value == null ? null : new ConversationId(value);
    }

    /**
     * Whether a name keeps the rule, for filters that skip what is not a conversation (e.g. other files).
     *
     * @param value a candidate id
     * @return true when {@code new ConversationId(value)} accepts it
     */
    public static boolean isValid(String value) {
        return SHAPE.matcher(value).matches();
    }

    /** {@return the id itself} */
    @Override
    public String toString() {
        return value;
    }
}
