package dev.chatactions.adapter.history;

import dev.chatactions.adapter.history.HistoryLineCodec.Origin;
import dev.chatactions.adapter.history.LineReader.Line;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One NDJSON history file at any path: append, read and verify it. {@link NdjsonHistory} uses it for
 * the files of its directory; the command line uses it for a file it is given.
 *
 * <p>Chat lines read from the file take their conversation from the file name ({@code
 * 0123456789ab.ndjson}) and, when they lack a user, the name of the directory holding the file.
 */
public final class HistoryFile {

    private static final Pattern CONVERSATION_FILE = Pattern.compile("[0-9a-f]{12}\\.ndjson");

    private final Path path;
    private final Durability durability;

    private HistoryFile(Path path, Durability durability) {
        this.path = Objects.requireNonNull(path, "path");
        this.durability = Objects.requireNonNull(durability, "durability");
    }

    /** The file at {@code path}, appended to with group commit. Nothing is opened yet. */
    public static HistoryFile at(Path path) {
        return at(path, Durability.GROUP_COMMIT);
    }

    public static HistoryFile at(Path path, Durability durability) {
        return new HistoryFile(path, durability);
    }

    public Path path() {
        return path;
    }

    /**
     * Appends one record as one line; proposal and action lines get {@code seq} and {@code prev}.
     * Creates the file (0600) and missing directories (0700). A torn last line left by a crash is
     * first moved to {@code {file}.torn-{timestamp}}.
     *
     * @throws HistoryException when the line could not be written; nothing partial remains
     * @throws IllegalArgumentException for an {@link HistoryRecord.UnreadableLine}
     */
    public void append(HistoryRecord record) {
        Objects.requireNonNull(record, "record");
        HistoryLineCodec.EncodedLine line = HistoryLineCodec.encode(record);
        AppendLog.of(path).append(line, durability);
    }

    /**
     * The file's records in order, read lazily; close the stream. A missing file has none. A
     * malformed line becomes an {@link HistoryRecord.UnreadableLine}; lines of other programs that
     * are not chat messages are skipped; a last line without newline is never read.
     *
     * @throws HistoryException when the file cannot be read
     */
    public Stream<HistoryRecord> records() {
        LineReader reader;
        try {
            reader = new LineReader(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw notRead(e);
        }
        return StreamSupport.stream(new RecordSpliterator(reader, origin()), false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Checks the hash chain: intact, or the first bad line and what is wrong with it.
     *
     * @throws HistoryException when the file cannot be read
     */
    public Verification verify() {
        try {
            return ChainVerifier.verify(path);
        } catch (IOException e) {
            throw notRead(e);
        }
    }

    /** Shorthand for {@code HistoryFile.at(path).verify()}. */
    public static Verification verify(Path path) {
        return at(path).verify();
    }

    /**
     * Whose file this is by its name, as {@link NdjsonHistory} lays files out: {@code
     * {user}/{conversation}.ndjson} or {@code {user}/actions.ndjson}.
     *
     * @return the user and conversation (null for the actions file)
     * @throws IllegalArgumentException when the path is not laid out so
     */
    public HistoryLines.Place place() {
        String name = path.getFileName().toString();
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || parent.getFileName() == null
                || !(name.equals(NdjsonHistory.ACTIONS_FILE) || CONVERSATION_FILE.matcher(name).matches())) {
            throw new IllegalArgumentException(path + " is not a history file ({user}/{conversation}.ndjson or {user}/"
                    + NdjsonHistory.ACTIONS_FILE + ")");
        }
        String conversation = name.equals(NdjsonHistory.ACTIONS_FILE) ? null : name.substring(0, 12);
        return new HistoryLines.Place(parent.getFileName().toString(), conversation);
    }

    private Origin origin() {
        String name = path.getFileName().toString();
        String conversation = CONVERSATION_FILE.matcher(name).matches() ? name.substring(0, 12) : null;
        Path parent = path.toAbsolutePath().getParent();
        String user = parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
        return new Origin(path.toString(), user, conversation);
    }

    private HistoryException notRead(IOException e) {
        return new HistoryException("history not read from " + path + ": " + SecureFiles.reason(e), e);
    }

    private final class RecordSpliterator extends Spliterators.AbstractSpliterator<HistoryRecord> {
        private final LineReader reader;
        private final Origin origin;

        RecordSpliterator(LineReader reader, Origin origin) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.reader = reader;
            this.origin = origin;
        }

        @Override
        public boolean tryAdvance(Consumer<? super HistoryRecord> action) {
            try {
                for (Line line = reader.next(); line != null && line.terminated(); line = reader.next()) {
                    var record = line.overlong()
                            ? Optional.<HistoryRecord>of(new UnreadableLine(origin.location(line.number()), line.overlongProblem()))
                            : HistoryLineCodec.decode(line.text(), line.number(), origin);
                    if (record.isPresent()) {
                        action.accept(record.get());
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw notRead(e);
            }
        }
    }
}
