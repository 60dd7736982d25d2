package dev.chatactions.adapter.history;

import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
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
        new Owner(user, conversation);
    }

    /**
     * Whose file it is, wherever the file is kept (a directory, a database): a user and one of
     * their conversations, or null for their records outside any.
     *
     * @param user a checked user name
     * @param conversation a checked conversation id, or null
     */
    public record Owner(String user, String conversation) {

        /** Checks the names. */
        public Owner {
            new UserName(user);
            ConversationId.ofNullable(conversation);
        }

        /**
         * Whose file a record is appended to.
         *
         * @param record a chat, proposal or action line
         * @return its owner
         * @throws IllegalArgumentException for an {@link HistoryRecord.UnreadableLine} or a name that could leave the history
         */
        public static Owner of(HistoryRecord record) {
            Objects.requireNonNull(record, "record");
            if (record instanceof ChatLine chat) {
                return new Owner(chat.user(), chat.conversation());
            } else if (record instanceof ProposalLine proposal) {
                return new Owner(proposal.user(), proposal.conversation());
            } else if (record instanceof ActionLine action) {
                return new Owner(action.user(), action.conversation());
            }
            throw new IllegalArgumentException("an unreadable line cannot be appended");
        }

        /** {@return this owner's file under {@code directory}} */
        public HistoryLocation in(Path directory) {
            return new HistoryLocation(directory, user, conversation);
        }

        /**
         * Whether a record of this user and conversation is this owner's.
         *
         * @param recordUser the record's user
         * @param recordConversation the record's conversation, or null
         * @return true when both are this owner's
         */
        public boolean holds(String recordUser, String recordConversation) {
            return user.equals(recordUser) && Objects.equals(conversation, recordConversation);
        }
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

    /** {@return whose file this is} */
    public Owner owner() {
        return new Owner(user, conversation);
    }
}
