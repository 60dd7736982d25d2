package dev.chatactions.adapter.history;

import dev.chatactions.core.service.ConversationId;
import dev.chatactions.core.service.UserName;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a history file sits: {@code DIR/USER/CONVERSATION.ndjson}, or {@code DIR/USER/actions.ndjson}
 * for a user's records outside any conversation.
 *
 * @param directory the history directory ({@code DIR})
 * @param user the user whose directory holds the file
 * @param conversation the conversation the file holds, or null for the actions file
 */
public record HistoryLocation(Path directory, String user, String conversation) {

    /** The file of a user's records that belong to no conversation. */
    public static final String ACTIONS_FILE = "actions.ndjson";

    private static final String SUFFIX = ".ndjson";

    /** Checks the names, so that no location leads outside its directory. */
    public HistoryLocation {
        Objects.requireNonNull(directory, "directory");
        new UserName(user);
        ConversationId.ofNullable(conversation);
    }

    /**
     * The location a file's path names.
     *
     * @param file a path to a history file
     * @return its location
     * @throws IllegalArgumentException when the path does not have the layout, naming it
     */
    public static HistoryLocation of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
        Optional<String> conversation = conversationNamedBy(name);
        Path userDirectory = absolute.getParent();
        if ((conversation.isEmpty() && !name.equals(ACTIONS_FILE)) || userDirectory == null
                || userDirectory.getParent() == null) {
            throw new IllegalArgumentException(file + " is not in a history directory: the layout is "
                    + "DIR/USER/CONVERSATION.ndjson (12 hex characters) or DIR/USER/" + ACTIONS_FILE);
        }
        String user = userDirectory.getFileName().toString();
        if (!UserName.isValid(user)) {
            throw new IllegalArgumentException(file + " is not in a history directory: \"" + user
                    + "\" is not a user name (" + UserName.RULE + ")");
        }
        return new HistoryLocation(userDirectory.getParent(), user, conversation.orElse(null));
    }

    /**
     * The conversation a history file's name names.
     *
     * @param fileName a file name such as {@code 0123456789ab.ndjson}
     * @return the conversation, or empty for the actions file and for any other name
     */
    public static Optional<String> conversationNamedBy(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - SUFFIX.length());
        return ConversationId.isValid(stem) ? Optional.of(stem) : Optional.empty();
    }

    /** {@return the file: {@code directory/user/conversation.ndjson} or {@code directory/user/actions.ndjson}} */
    public Path file() {
        return directory.resolve(user).resolve(conversation == null ? ACTIONS_FILE : conversation + SUFFIX);
    }

    /**
     * Whether a record of this user and conversation belongs in this file.
     *
     * @param recordUser the record's user
     * @param recordConversation the record's conversation, or null
     * @return true when both are this location's
     */
    public boolean holds(String recordUser, String recordConversation) {
        return user.equals(recordUser) && Objects.equals(conversation, recordConversation);
    }
}
