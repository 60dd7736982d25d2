package dev.chatactions.app.cli;

import dev.chatactions.adapter.history.HistoryFile;
import dev.chatactions.adapter.history.HistoryLines.Place;
import dev.chatactions.adapter.history.Verification;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.DatabaseSettings;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the history commands read: the NDJSON files they name, or, when {@code CHAT_DATABASE_URL}
 * is set, the database, where an argument names a conversation the way its file would be named:
 * {@code [DIR/]USER/CONVERSATION[.ndjson]} or {@code [DIR/]USER/actions[.ndjson]}.
 */
public final class CliHistory implements AutoCloseable {

    /** How the help texts say it. */
    public static final String DATABASE_NOTE = "With CHAT_DATABASE_URL set (and CHAT_DATABASE_USER, CHAT_DATABASE_PASSWORD)"
            + " it reads the PostgreSQL store instead: FILE then names a conversation there as USER/CONVERSATION or"
            + " USER/actions (a history path such as chat-history/alice/0123456789ab.ndjson names the same one).";

    private static final String SUFFIX = ".ndjson";

    private final PostgresStore database;

    private CliHistory(PostgresStore database) {
        this.database = database;
    }

    /** The files, or the database when the environment names one (a pool is opened: close it). */
    public static CliHistory open(CliContext context) {
        return new CliHistory(database(context).map(PostgresStore::open).orElse(null));
    }

    /** The database's settings from the environment, if any. */
    public static Optional<DatabaseSettings> database(CliContext context) {
        try {
            return DatabaseSettings.fromEnvironment(context.environment());
        } catch (ConfigurationException e) {
            throw new OperationFailedException(e.getMessage(), e);
        }
    }

    /** The database; a command that only works on one says so. */
    public static PostgresStore requireDatabase(CliContext context, String command) {
        return PostgresStore.open(database(context).orElseThrow(() -> new OperationFailedException(
                command + " needs the database: set CHAT_DATABASE_URL (and CHAT_DATABASE_USER, CHAT_DATABASE_PASSWORD)")));
    }

    /** The database, or empty when the commands read files. */
    public Optional<PostgresStore> store() {
        return Optional.ofNullable(database);
    }

    /** How the argument is shown in results: the file, or the conversation and the store. */
    public String describe(Path argument) {
        if (database == null) {
            return argument.toString();
        }
        Place place = place(argument);
        return place.user() + "/" + (place.conversation() == null ? "actions" : place.conversation()) + " (PostgreSQL)";
    }

    /**
     * The records of the conversation an argument names, in order; close the stream.
     *
     * @throws OperationFailedException when there is no such file, or the argument names no conversation
     */
    public Stream<HistoryRecord> records(Path argument) {
        if (database == null) {
            requireFile(argument);
            return HistoryFile.at(argument).records();
        }
        Place place = place(argument);
        return database.history().conversation(place.user(), place.conversation());
    }

    /** Checks the chain of the conversation an argument names. */
    public Verification verify(Path argument) {
        if (database == null) {
            requireFile(argument);
            return HistoryFile.verify(argument);
        }
        Place place = place(argument);
        return database.history().verify(place.user(), place.conversation());
    }

    /**
     * The user and conversation an argument names, in the database's terms.
     *
     * @throws OperationFailedException when it names none
     */
    public static Place place(Path argument) {
        Path user = argument.getParent() == null ? null : argument.getParent().getFileName();
        String name = argument.getFileName() == null ? "" : argument.getFileName().toString();
        String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        try {
            if (user == null) {
                throw new IllegalArgumentException("no user");
            }
            return new Place(user.toString(), stem.equals("actions") ? null : stem);
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException(argument + " names no conversation: give USER/CONVERSATION (12 hex characters)"
                    + " or USER/actions");
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OperationFailedException("no history file at " + file);
        }
    }

    /** A history failure as the command's one-line error. */
    public static OperationFailedException failed(HistoryException e) {
        return new OperationFailedException(e.getMessage(), e);
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
