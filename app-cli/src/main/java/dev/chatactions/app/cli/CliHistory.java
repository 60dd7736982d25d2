package dev.chatactions.app.cli;

import dev.chatactions.adapter.history.HistoryFile;
import dev.chatactions.adapter.history.HistoryLocation;
import dev.chatactions.adapter.history.HistoryLocation.Owner;
import dev.chatactions.adapter.history.Verification;
import dev.chatactions.adapter.postgres.DatabaseSettings;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
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
            return DatabaseSettings.fromEnvironment(new EnvironmentVariables(context.environment()));
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
        Owner owner = owner(argument);
        return owner.user() + "/" + (owner.conversation() == null ? "actions" : owner.conversation()) + " (PostgreSQL)";
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
        Owner owner = owner(argument);
        return database.history().conversation(owner.user(), owner.conversation());
    }

    /** Checks the chain of the conversation an argument names. */
    public Verification verify(Path argument) {
        if (database == null) {
            requireFile(argument);
            return HistoryFile.verify(argument);
        }
        Owner owner = owner(argument);
        return database.history().verify(owner.user(), owner.conversation());
    }

    /**
     * Whose conversation an argument names, read as {@link HistoryLocation} reads a file's path (the
     * {@code .ndjson} may be left out).
     *
     * @throws OperationFailedException when it names none
     */
    public static Owner owner(Path argument) {
        String name = argument.getFileName() == null ? "" : argument.getFileName().toString();
        try {
            if (argument.getParent() == null) {
                throw new IllegalArgumentException("no user");
            }
            return HistoryLocation.of(name.endsWith(SUFFIX) ? argument : argument.resolveSibling(name + SUFFIX)).owner();
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
