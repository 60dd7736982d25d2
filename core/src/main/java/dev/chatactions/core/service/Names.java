package dev.chatactions.core.service;

import java.util.Objects;
import java.util.regex.Pattern;

/** The shapes of user names, conversation ids and idempotency keys, checked at the edge of the core. */
public final class Names {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CONVERSATION = Pattern.compile("[0-9a-f]{12}");
    /** No "--": the forge carries the key in an HTML comment, where "--" is not allowed. */
    private static final Pattern KEY = Pattern.compile("(?!.*--)[A-Za-z0-9._:-]{1,128}");
    static final String KEY_RULE = "1-128 of [A-Za-z0-9._:-] without \"--\"";

    private Names() {}

    /**
     * A user name usable as a directory name: {@code [A-Za-z0-9._-]{1,64}}, not {@code .} or {@code ..}.
     *
     * @param user the name to check
     * @return {@code user}
     * @throws IllegalArgumentException when it is not such a name
     */
    public static String requireUser(String user) {
        Objects.requireNonNull(user, "user");
        if (!isUser(user)) {
            throw new IllegalArgumentException("user must be 1-64 of [A-Za-z0-9._-] (and not . or ..)");
        }
        return user;
    }

    /**
     * Null (no conversation) or exactly 12 lower-case hex characters.
     *
     * @param conversation the id to check
     * @return {@code conversation}
     * @throws IllegalArgumentException when it is neither
     */
    public static String requireConversation(String conversation) {
        if (conversation != null && !isConversation(conversation)) {
            throw new IllegalArgumentException("conversation must be 12 lower-case hex characters");
        }
        return conversation;
    }

    /**
     * Whether a name is a valid user name.
     *
     * @param name a candidate user name
     * @return true when {@link #requireUser} accepts it
     */
    public static boolean isUser(String name) {
        return USER.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /**
     * Whether a name is a conversation id.
     *
     * @param name a candidate conversation id
     * @return true for 12 lower-case hex characters
     */
    public static boolean isConversation(String name) {
        return CONVERSATION.matcher(name).matches();
    }

    /**
     * An idempotency key every consumer carries as it is: an HTTP header, a history line, a pipeline
     * variable and the forge's {@code <!-- chat-action:KEY -->} comment. The one rule for all of them.
     *
     * @param key the key to check
     * @return {@code key}
     * @throws IllegalArgumentException naming the rule
     */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!isKey(key)) {
            throw new IllegalArgumentException("idempotency key must be " + KEY_RULE);
        }
        return key;
    }

    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }
}
