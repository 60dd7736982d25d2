package dev.chatactions.core.service;

import java.util.Objects;
import java.util.regex.Pattern;

/** The shapes of user names, conversation ids and idempotency keys, checked at the edge of the core. */
public final class Names {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CONVERSATION = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
     * An idempotency key: {@code [A-Za-z0-9._:-]{1,128}}, safe inside an HTML comment and a header.
     *
     * @param key the key to check
     * @return {@code key}
     * @throws IllegalArgumentException when it is not such a key
     */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("idempotency key must be 1-128 of [A-Za-z0-9._:-]");
        }
        return key;
    }
}
