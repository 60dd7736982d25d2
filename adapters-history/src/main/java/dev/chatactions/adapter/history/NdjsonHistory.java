package dev.chatactions.adapter.history;

import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@link HistoryPort} as NDJSON files under one directory ({@code CHAT_HISTORY_DIR}):
 * {@code {dir}/{user}/{conversation}.ndjson}, and {@code {dir}/{user}/actions.ndjson} for records
 * without a conversation. Appends are durable by default (group commit, see {@link Durability}).
 *
 * <p>The one JVM-wide state of the library: appends to a file are queued by one appender per file
 * (by real path) for the whole JVM, whichever instance makes them, and it is kept for the life of
 * the JVM. File locks order processes, not the threads of one process, so instances on the same
 * directory must share it.
 */
public final class NdjsonHistory implements HistoryPort {

    /** The file of a user's records that belong to no conversation. */
    public static final String ACTIONS_FILE = "actions.ndjson";

    private static final String SUFFIX = ".ndjson";

    private final Path directory;
    private final Durability durability;

    /** A history under {@code directory} with durable group-commit appends. */
    public NdjsonHistory(Path directory) {
        this(directory, Durability.GROUP_COMMIT);
    }

    public NdjsonHistory(Path directory, Durability durability) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.durability = Objects.requireNonNull(durability, "durability");
    }

    public Path directory() {
        return directory;
    }

    /**
     * The file holding a user's conversation (or, for a null conversation, the user's actions).
     *
     * @throws IllegalArgumentException when a name could lead outside the directory
     */
    public Path file(String user, String conversation) {
        String name = conversation == null ? ACTIONS_FILE : Names.requireConversation(conversation) + SUFFIX;
        return userDirectory(user).resolve(name);
    }

    @Override
    public void append(HistoryRecord record) {
        HistoryLines.Place place = HistoryLines.Place.of(record);
        HistoryFile.at(file(place.user(), place.conversation()), durability).append(record);
    }

    @Override
    public Stream<HistoryRecord> conversation(String user, String conversation) {
        return HistoryFile.at(file(user, conversation)).records();
    }

    @Override
    public Stream<String> conversations(String user) {
        Path userDirectory = userDirectory(user);
        return list(userDirectory).stream()
                .filter(name -> name.endsWith(SUFFIX) && Names.isConversation(stem(name)))
                .map(name -> new Dated(stem(name), modified(userDirectory.resolve(name))))
                .sorted(Comparator.comparing(Dated::modified).reversed().thenComparing(Dated::conversation))
                .map(Dated::conversation);
    }

    /** Every record of one user: the actions file first, then the conversations by name. */
    @Override
    public Stream<HistoryRecord> user(String user) {
        Path userDirectory = userDirectory(user);
        return list(userDirectory).stream()
                .filter(name -> name.equals(ACTIONS_FILE)
                        || name.endsWith(SUFFIX) && Names.isConversation(stem(name)))
                .sorted(Comparator.comparing((String name) -> !name.equals(ACTIONS_FILE)).thenComparing(name -> name))
                .flatMap(name -> HistoryFile.at(userDirectory.resolve(name)).records());
    }

    /** Every record of every user, users by name. */
    @Override
    public Stream<HistoryRecord> all() {
        return list(directory).stream()
                .filter(name -> Names.isUser(name) && Files.isDirectory(directory.resolve(name)))
                .sorted()
                .flatMap(this::user);
    }

    private Path userDirectory(String user) {
        return directory.resolve(Names.requireUser(user));
    }


    private static String stem(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }

    /** File names in a directory; none when it does not exist. */
    private static List<String> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new HistoryException("history not read from " + dir + ": " + SecureFiles.reason(e), e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // removed meanwhile: sorts last
        }
    }

    private record Dated(String conversation, FileTime modified) {}
}
