package dev.chatactions.adapter.history;

import dev.chatactions.adapter.history.HistoryLineCodec.EncodedLine;
import dev.chatactions.adapter.history.LineReader.Line;
import dev.chatactions.core.port.HistoryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The appender of one history file, shared by everything in this JVM that appends to it.
 *
 * <p>Group commit: appenders queue their lines; one of them (the leader) takes the queue, writes it
 * with a single write under an exclusive lock of {@code {file}.lock} (other processes) and forces once,
 * passes the lead to the oldest waiting append, then wakes the appenders of its batch. The chain fields
 * {@code seq} and {@code prev} are computed under that lock from the real file tail, which is re-read
 * whenever the file size is not the one this JVM left behind. After each batch the new {@link ChainHead}
 * goes into the lock file, so {@code verify} can see lines cut off the end.
 *
 * <p>At most {@link #MAX_KNOWN} appenders stay known; past that the least recently used idle ones are
 * forgotten, since a server writes one file per conversation. The next append to a forgotten file
 * gets a new appender, which reads the file's tail as after a restart; a forgotten one that is still
 * referenced sends its callers there, so a file never has two appenders in this JVM.
 */
final class AppendLog {

    /** By real path: one appender per file, whatever path names it. */
    private static final ConcurrentHashMap<Path, AppendLog> LOGS = new ConcurrentHashMap<>();
    /** By the absolute path callers gave, so that an append to a known file touches no file system. */
    private static final ConcurrentHashMap<Path, AppendLog> BY_NAME = new ConcurrentHashMap<>();
    /** About 1 KiB each with their paths and map entries. */
    static final int MAX_KNOWN = 1024;
    private static final AtomicBoolean FORGETTING = new AtomicBoolean();
    /**
     * Appenders lock {@code {file}.lock}, not the file itself: a POSIX record lock is dropped when the
     * process closes any descriptor of the locked file, which readers in this JVM do at any time.
     */
    private static final String LOCK_SUFFIX = ".lock";
    private static final int MAX_BATCH_LINES = 4096;
    private static final Set<StandardOpenOption> APPEND_EXISTING = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    private static final Set<StandardOpenOption> APPEND_OPTIONS =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    private static final Set<StandardOpenOption> LOCK_OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    private static final Set<StandardOpenOption> NEW_FILE_OPTIONS =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final DateTimeFormatter TORN_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSSSSS'Z'");

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Guarded by queueLock: an append leads (or was told to); when false the queue is empty. */
    private boolean leading;
    /** Set under queueLock, only while no append leads: this appender writes no more. */
    private volatile boolean forgotten;
    private volatile long lastUsed = System.nanoTime();

    // The file tail as this JVM last left it; touched only by the leader.
    private long knownSize = -1;
    private long knownLines;
    private ChainSpan tail = new ChainSpan();
    /** The {@link ChainHead} slot the next head goes to. */
    private int headSlot;

    private AppendLog(Path file) {
        this.file = file;
        this.lockFile = lockFileOf(file);
    }

    /** The one appender of {@code file} in this JVM; creates missing directories (0700). */
    static AppendLog of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        AppendLog known = BY_NAME.get(absolute);
        if (known != null && !known.forgotten) {
            return known;
        }
        try {
            if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
                throw new IOException("not a regular file");
            }
            SecureFiles.createDirectories(absolute.getParent());
            Path real = absolute.getParent().toRealPath().resolve(absolute.getFileName());
            AppendLog log = current(real);
            BY_NAME.put(absolute, log);
            forgetIdleBeyondBound();
            return log;
        } catch (IOException e) {
            throw new HistoryException(notWritten(absolute, e));
        }
    }

    /** The appender of a real path, a new one in place of a forgotten one. */
    private static AppendLog current(Path real) {
        return LOGS.compute(real, (path, log) -> log == null || log.forgotten ? new AppendLog(path) : log);
    }

    /** How many appenders are known: at most about {@link #MAX_KNOWN}. */
    static int known() {
        return LOGS.size();
    }

    /** Past the bound, forgets the least recently used idle appenders down to three quarters of it. */
    private static void forgetIdleBeyondBound() {
        if (LOGS.size() <= MAX_KNOWN || !FORGETTING.compareAndSet(false, true)) {
            return;
        }
        try {
            record Use(AppendLog log, long lastUsed) {}
            List<Use> oldestFirst = new ArrayList<>();
            LOGS.values().forEach(log -> oldestFirst.add(new Use(log, log.lastUsed)));
            oldestFirst.sort(Comparator.comparingLong(Use::lastUsed));
            int excess = LOGS.size() - MAX_KNOWN * 3 / 4;
            for (int i = 0; i < oldestFirst.size() && excess > 0; i++) {
                AppendLog log = oldestFirst.get(i).log();
                if (log.forgetIfIdle()) {
                    LOGS.remove(log.file, log);
                    excess--;
                }
            }
            BY_NAME.values().removeIf(log -> log.forgotten);
        } finally {
            FORGETTING.set(false);
        }
    }

    private boolean forgetIfIdle() {
        queueLock.lock();
        try {
            if (!leading) {
                forgotten = true;
            }
            return forgotten;
        } finally {
            queueLock.unlock();
        }
    }

    /** Appends one line; returns when it is written (and forced, if {@code durability} says so). */
    void append(EncodedLine line, Durability durability) {
        lastUsed = System.nanoTime();
        Pending mine = new Pending(line, durability);
        Queued queued = enqueue(mine);
        if (queued == Queued.FORGOTTEN) {
            current(file).append(line, durability); // forgotten since the caller found it
            return;
        }
        if (queued == Queued.LEADS || mine.awaitTurn()) {
            // A leader's own line heads the queue, so its first batch holds it.
            while (!mine.done()) {
                leadOneBatch();
            }
        }
        if (mine.failure != null) {
            throw new HistoryException(notWritten(file, mine.failure), mine.failure);
        }
    }

    private enum Queued { LEADS, WAITS, FORGOTTEN }

    private Queued enqueue(Pending pending) {
        queueLock.lock();
        try {
            if (forgotten) {
                return Queued.FORGOTTEN;
            }
            queue.add(pending);
            boolean lead = !leading;
            leading = true;
            return lead ? Queued.LEADS : Queued.WAITS;
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * The batch is taken only once the file lock is held, so it includes every append that queued
     * while another process wrote. The lead passes on before the batch is woken, so the next write
     * starts while this batch's appenders wake up.
     */
    private void leadOneBatch() {
        List<Pending> batch = null;
        IOException failure = null;
        boolean written = false;
        try {
            try (FileChannel lockChannel = openLock()) {
                lockChannel.lock(); // released when the channel closes
                batch = takeBatch();
                write(batch);
                written = true;
                writeHead(lockChannel);
            } catch (IOException e) {
                failure = e;
            }
        } finally {
            if (batch == null) {
                batch = takeBatch();
            }
            passLead();
            IOException outcome = written ? null : failure != null ? failure : new IOException("write aborted");
            for (Pending pending : batch) {
                pending.complete(outcome);
            }
        }
    }

    private List<Pending> takeBatch() {
        queueLock.lock();
        try {
            List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH_LINES));
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

    private void passLead() {
        Pending next;
        queueLock.lock();
        try {
            next = queue.peek();
            leading = next != null;
        } finally {
            queueLock.unlock();
        }
        if (next != null) {
            next.lead();
        }
    }

    /** The lock file, recreating the directories should they have been removed since the last append. */
    private FileChannel openLock() throws IOException {
        try {
            return FileChannel.open(lockFile, LOCK_OPTIONS, SecureFiles.fileMode());
        } catch (NoSuchFileException e) {
            SecureFiles.createDirectories(file.getParent());
            return FileChannel.open(lockFile, LOCK_OPTIONS, SecureFiles.fileMode());
        }
    }

    /** Called holding the file lock. */
    private void write(List<Pending> batch) throws IOException {
        boolean created = false;
        FileChannel opened;
        try {
            opened = FileChannel.open(file, APPEND_EXISTING);
        } catch (NoSuchFileException e) {
            opened = FileChannel.open(file, APPEND_OPTIONS, SecureFiles.fileMode());
            created = true;
        }
        try (FileChannel out = opened) {
            syncTail(out);
            long start = knownSize;
            long lines = knownLines;
            ChainSpan span = tail.copy();
            BatchBytes bytes = BatchBytes.sizedFor(batch);
            boolean force = false;
            for (Pending pending : batch) {
                long seq = ++lines;
                byte[] json = pending.line.json();
                if (pending.line.chained()) {
                    int lineStart = bytes.size();
                    bytes.putChained(json, seq, span.takePrev());
                    span.addChained(bytes.array(), lineStart, bytes.size() - lineStart);
                } else {
                    bytes.put(json, json.length);
                    span.add(json);
                }
                bytes.endLine();
                force |= pending.durability.forces();
            }
            ByteBuffer buffer = bytes.view();
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
            knownSize = start + buffer.limit();
            knownLines = lines;
            tail = span;
        }
        if (created) {
            SecureFiles.forceDirectory(file.getParent());
        }
    }

    /**
     * Records the new head in the lock file once the batch is whole (and forced): see {@link ChainHead}
     * for why a head that lags behind the file is harmless.
     */
    private void writeHead(FileChannel lockChannel) {
        try {
            new ChainHead(knownLines, tail.prev()).writeTo(lockChannel, headSlot);
            headSlot ^= 1;
        } catch (IOException e) {
            // The lines are written and the append succeeded; the head only lags until the next append.
        }
    }

    /** The file beside {@code file} that appenders lock and that holds its {@link ChainHead}. */
    static Path lockFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
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
        private static final int WAITING = 0;
        private static final int LEADING = 1;
        private static final int DONE = 2;

        final EncodedLine line;
        final Durability durability;
        private final Thread thread = Thread.currentThread();
        private volatile int state = WAITING;
        private IOException failure; // published by the write of state

        Pending(EncodedLine line, Durability durability) {
            this.line = line;
            this.durability = durability;
        }

        /** Waits until the line is written or this append is to lead; true for the latter. */
        boolean awaitTurn() {
            boolean interrupted = false;
            int seen;
            while ((seen = state) == WAITING) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                thread.interrupt(); // an append cannot be abandoned half-way; keep the interrupt for the caller
            }
            return seen == LEADING;
        }

        boolean done() {
            return state == DONE;
        }

        void lead() {
            state = LEADING;
            LockSupport.unpark(thread);
        }

        void complete(IOException outcome) {
            failure = outcome;
            state = DONE;
            if (thread != Thread.currentThread()) {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * One batch's bytes, allocated per batch at about its size: a buffer kept in every file's
     * appender (64 KiB each) grew the heap with every conversation the server had written to.
     */
    private static final class BatchBytes {
        /** Room for a chained line's {@code seq} and {@code prev} and its line end. */
        private static final int CHAIN_ROOM = 128;
        private static final byte[] CLOSE = {'}'};
        private static final byte[] NEWLINE = {'\n'};

        private byte[] array;
        private int size;

        private BatchBytes(int capacity) {
            array = new byte[capacity];
        }

        static BatchBytes sizedFor(List<Pending> batch) {
            long capacity = 0;
            for (Pending pending : batch) {
                capacity += pending.line.json().length + CHAIN_ROOM;
            }
            return new BatchBytes((int) Math.min(capacity, Integer.MAX_VALUE - 8));
        }

        int size() {
            return size;
        }

        byte[] array() {
            return array;
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(array, 0, size);
        }

        void put(byte[] source, int length) {
            if (size + length > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + length));
            }
            System.arraycopy(source, 0, array, size, length);
            size += length;
        }

        void endLine() {
            put(NEWLINE, 1);
        }

        /** A record's JSON with {@code seq} and {@code prev} added before its closing brace. */
        void putChained(byte[] json, long seq, String prev) {
            put(json, json.length - 1);
            byte[] chain = HistoryLineCodec.chainFields(seq, prev);
            put(chain, chain.length);
            put(CLOSE, 1);
        }
    }
}
