package dev.chatactions.adapter.history;

import dev.chatactions.adapter.history.HistoryLineCodec.EncodedLine;
import dev.chatactions.adapter.history.LineReader.Line;
import dev.chatactions.core.port.HistoryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The appender of one history file, shared by everything in this JVM that appends to it.
 *
 * <p>Group commit: appenders queue their lines; one of them (the leader) takes the queue, writes it
 * with a single write under an exclusive lock of {@code {file}.lock} (other processes) and forces once, then wakes
 * the others. The chain fields {@code seq} and {@code prev} are computed under that lock from the
 * real file tail, which is re-read whenever the file size is not the one this JVM left behind.
 */
final class AppendLog {

    private static final ConcurrentHashMap<Path, AppendLog> LOGS = new ConcurrentHashMap<>();
    /**
     * Appenders lock {@code {file}.lock}, not the file itself: a POSIX record lock is dropped when the
     * process closes any descriptor of the locked file, which readers in this JVM do at any time.
     */
    private static final String LOCK_SUFFIX = ".lock";
    private static final int MAX_BATCH_LINES = 4096;
    private static final Set<StandardOpenOption> APPEND_OPTIONS =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    private static final Set<StandardOpenOption> LOCK_OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    private static final Set<StandardOpenOption> NEW_FILE_OPTIONS =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final DateTimeFormatter TORN_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSSSSS'Z'");

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition batchWritten = queueLock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean leaderWriting;

    // The file tail as this JVM last left it; touched only by the leader.
    private long knownSize = -1;
    private long knownLines;
    private ChainSpan tail = new ChainSpan();

    private AppendLog(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
    }

    /** The one appender of {@code file} in this JVM; creates missing directories (0700). */
    static AppendLog of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
                throw new IOException("not a regular file");
            }
            SecureFiles.createDirectories(absolute.getParent());
            Path real = absolute.getParent().toRealPath().resolve(absolute.getFileName());
            return LOGS.computeIfAbsent(real, AppendLog::new);
        } catch (IOException e) {
            throw new HistoryException(notWritten(absolute, e));
        }
    }

    /** Appends one line; returns when it is written (and forced, if {@code durability} says so). */
    void append(EncodedLine line, Durability durability) {
        Pending mine = new Pending(line, durability);
        queueLock.lock();
        try {
            queue.add(mine);
            while (!mine.done) {
                if (leaderWriting) {
                    batchWritten.awaitUninterruptibly();
                } else {
                    leadOneBatch();
                }
            }
        } finally {
            queueLock.unlock();
        }
        if (mine.failure != null) {
            throw new HistoryException(notWritten(file, mine.failure), mine.failure);
        }
    }

    /**
     * Called holding the queue lock; releases it while writing. The batch is taken only once the
     * file lock is held, so it includes every append that queued while another process wrote.
     */
    private void leadOneBatch() {
        leaderWriting = true;
        queueLock.unlock();
        List<Pending> batch = null;
        IOException failure = null;
        boolean written = false;
        try (FileChannel lockChannel = FileChannel.open(lockFile, LOCK_OPTIONS, SecureFiles.fileMode())) {
            lockChannel.lock(); // released when the channel closes
            batch = takeBatch();
            write(batch);
            written = true;
        } catch (IOException e) {
            failure = e;
        } finally {
            queueLock.lock();
            if (batch == null) {
                batch = takeBatch();
            }
            leaderWriting = false;
            for (Pending pending : batch) {
                pending.done = true;
                pending.failure = written ? null : failure != null ? failure : new IOException("write aborted");
            }
            batchWritten.signalAll();
        }
    }

    private List<Pending> takeBatch() {
        queueLock.lock();
        try {
            List<Pending> batch = new ArrayList<>();
            batch.add(queue.poll());
            while (batch.get(0).durability.sharesWrites() && !queue.isEmpty() && batch.size() < MAX_BATCH_LINES
                    && queue.peek().durability.sharesWrites()) {
                batch.add(queue.poll());
            }
            return batch;
        } finally {
            queueLock.unlock();
        }
    }

    /** Called holding the file lock. */
    private void write(List<Pending> batch) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel out = FileChannel.open(file, APPEND_OPTIONS, SecureFiles.fileMode())) {
            syncTail(out);
            long start = knownSize;
            long lines = knownLines;
            ChainSpan span = tail.copy();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean force = false;
            for (Pending pending : batch) {
                long seq = ++lines;
                byte[] line = pending.line.chained() ? chain(pending.line.json(), seq, span.prev()) : pending.line.json();
                span.add(line);
                bytes.write(line);
                bytes.write('\n');
                force |= pending.durability.forces();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            knownSize = -1; // until the write is known to be whole
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (force) {
                    out.force(false);
                }
            } catch (IOException e) {
                undo(out, start, e);
                throw e;
            }
            knownSize = start + buffer.capacity();
            knownLines = lines;
            tail = span;
        }
        if (created) {
            SecureFiles.forceDirectory(file.getParent());
        }
    }

    private static byte[] chain(byte[] json, long seq, String prev) {
        byte[] links = (",\"" + HistoryLineCodec.SEQ + "\":" + seq + ",\"" + HistoryLineCodec.PREV + "\":\"" + prev + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] chained = new byte[json.length - 1 + links.length];
        System.arraycopy(json, 0, chained, 0, json.length - 1); // drop the closing brace
        System.arraycopy(links, 0, chained, json.length - 1, links.length);
        return chained;
    }

    /** A failed write leaves nothing behind: cut the file back to where this batch began. */
    private static void undo(FileChannel out, long start, IOException failure) {
        try {
            if (out.isOpen() && out.size() > start) {
                out.truncate(start);
                out.force(false);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Brings the cached tail up to date with the file (another process may have appended), and sets
     * aside a torn last line: under the lock no cooperating writer is mid-write, so one was killed.
     */
    private void syncTail(FileChannel out) throws IOException {
        if (out.size() == knownSize) {
            return;
        }
        boolean grown = knownSize >= 0 && out.size() > knownSize;
        long wholeEnd = grown ? knownSize : 0;
        long lines = grown ? knownLines : 0;
        ChainSpan span = grown ? tail.copy() : new ChainSpan();
        knownSize = -1; // until the tail is read whole
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             LineReader reader = new LineReader(Channels.newInputStream(in.position(wholeEnd)))) {
            for (Line line = reader.next(); line != null; line = reader.next()) {
                if (line.overlong()) {
                    throw new IOException(
                            "line " + (lines + 1) + " is longer than " + (LineReader.MAX_LINE >> 20) + " MiB: not a history file?");
                }
                if (!line.terminated()) {
                    setAsideTornTail(out, line.bytes(), wholeEnd);
                    break;
                }
                span.add(line.bytes());
                lines++;
                wholeEnd += line.bytes().length + 1;
            }
        }
        knownSize = wholeEnd;
        knownLines = lines;
        tail = span;
    }

    private void setAsideTornTail(FileChannel out, byte[] torn, long wholeEnd) throws IOException {
        String stamp = TORN_STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        for (int attempt = 0; ; attempt++) {
            Path aside = file.resolveSibling(file.getFileName() + ".torn-" + stamp + (attempt == 0 ? "" : "-" + attempt));
            try (FileChannel copy = FileChannel.open(aside, NEW_FILE_OPTIONS, SecureFiles.fileMode())) {
                ByteBuffer buffer = ByteBuffer.wrap(torn);
                while (buffer.hasRemaining()) {
                    copy.write(buffer);
                }
                copy.force(true);
                break;
            } catch (FileAlreadyExistsException e) {
                // Same nanosecond stamp from another recovery: take the next free name.
            }
        }
        SecureFiles.forceDirectory(file.getParent());
        out.truncate(wholeEnd);
        out.force(true);
    }

    static String notWritten(Path file, IOException e) {
        return "history not written to " + file + ": " + SecureFiles.reason(e);
    }

    private static final class Pending {
        final EncodedLine line;
        final Durability durability;
        boolean done;
        IOException failure;

        Pending(EncodedLine line, Durability durability) {
            this.line = line;
            this.durability = durability;
        }
    }
}
