package dev.chatactions.core.service;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A key every consumer carries as it is: an HTTP header, a history line, a pipeline variable and the
 * forge's {@code <!-- chat-action:KEY -->} comment. The one rule for all of them.
 *
 * @param value 1-128 of {@code [A-Za-z0-9._:-]} without {@code --}
 */
public record IdempotencyKey(String value) {

    /** The rule, as error messages name it. */
    public static final String RULE = "1-128 of [A-Za-z0-9._:-] without \"--\"";

    /** No "--": the forge carries the key in an HTML comment, where "--" is not allowed. */
    private static final Pattern SHAPE = Pattern.compile("(?!.*--)[A-Za-z0-9._:-]{1,128}");

    /** Checks the rule; the message names it. */
    public IdempotencyKey {
        Objects.requireNonNull(value, "key");
        if (!isValid(value)) {
            throw new IllegalArgumentException("idempotency key must be " + RULE);
        }
    }

    /**
     * A key, or none (the caller chose none).
     *
     * @param value a key, or null
     * @return the checked key, or null when {@code value} is null
     * @throws IllegalArgumentException when {@code value} breaks the rule
     */
    public static IdempotencyKey ofNullable(String value) {
        return value == null ? null : new IdempotencyKey(value);
    }

    /**
     * Whether a key keeps the rule, e.g. one read from a history line written before the rule.
     *
     * @param value a candidate key
     * @return true when {@code new IdempotencyKey(value)} accepts it
     */
    public static boolean isValid(String value) {
        return SHAPE.matcher(value).matches();
    }

    /** {@return the key itself} */
    @Override
    public String toString() {
        return value;
    }
}
