package dev.chatactions.adapter.postgres;

import dev.chatactions.adapter.history.HistoryFile;
import dev.chatactions.adapter.history.HistoryLines;
import dev.chatactions.adapter.history.HistoryLocation;
import dev.chatactions.adapter.history.HistoryLocation.Owner;
import dev.chatactions.adapter.history.Verification;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.UserName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@link HistoryPort} in PostgreSQL: each conversation is a "file" of lines in the NDJSON file
 * adapter's exact bytes, with the same hash chain ({@code seq}, {@code prev}). Appends lock the
 * conversation's head row in their transaction, so appends from any number of threads and instances
 * extend the chain one after another. Concurrent appends to one conversation in this store join one
 * transaction (group commit), and each returns once that has committed. Reads stream from a cursor;
 * close the stream.
 */
public final class PostgresHistory implements HistoryPort {

    /** How many lines a read fetches at a time. */
    static final int FETCH_SIZE = 256;
    /** The conversation column's value for a user's records outside any conversation. */
    private static final String NO_CONVERSATION = "";
    private static final String HEAD_SOURCE = "the database's head row";

    /** The most appends one transaction takes. */
    private static final int MAX_BATCH = 256;
    /** The most chains whose tails a store keeps between appends. */
    private static final int KNOWN_TAILS = 1024;

    private final DataSource pool;
    private final GroupCommit<Owner, HistoryRecord, Void> appends = new GroupCommit<>(MAX_BATCH, this::commit);
    /** Per chain, the head and tail this store's last append left, so that the next need not read the tail again. */
    private final Map<Owner, KnownTail> knownTails = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Owner, KnownTail> eldest) {
            return size() > KNOWN_TAILS;
        }
    });

    PostgresHistory(DataSource pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public void append(HistoryRecord record) {
        appends.call(Owner.of(record), record);
    }

    /**
     * One transaction for a batch of appends to one chain: the head is locked once, the tail read
     * unless this store left it, every line written in one statement, the head updated once. A record
     * that cannot be written as a line is refused alone; a failure of the transaction fails them all.
     */
    private void commit(Owner owner, List<GroupCommit.Call<HistoryRecord, Void>> batch) {
        List<GroupCommit.Call<HistoryRecord, Void>> written = new ArrayList<>();
        KnownTail after = Database.inTransaction(pool, "history not written", connection -> {
            Head head = lockHead(connection, owner);
            HistoryLines.Tail tail = knownTail(owner, head).orElse(null);
            if (tail == null) {
                tail = tail(connection, head);
            }
            List<byte[]> lines = new ArrayList<>();
            long lastChained = head.lastChained();
            for (GroupCommit.Call<HistoryRecord, Void> call : batch) {
                long number = head.lines() + lines.size() + 1;
                HistoryLines.Line line;
                try {
                    line = tail.append(call.item(), number);
                } catch (IllegalArgumentException e) {
                    call.fail(e); // encoding fails before the tail moves
                    continue;
                }
                lines.add(line.bytes());
                lastChained = line.chained() ? number : lastChained;
                written.add(call);
            }
            if (!lines.isEmpty()) {
                // The lines and the head in one round trip: the head stays locked for as few of them as possible.
                try (PreparedStatement write = connection.prepareStatement(
                        "WITH added AS (INSERT INTO history_line (file_id, line_no, line)"
                                + " SELECT ?, ? + number, line FROM unnest(?::bytea[]) WITH ORDINALITY AS added (line, number))"
                                + " UPDATE history_file SET lines = ?, last_chained = ?, head_prev = ?,"
                                + " appended = nextval('history_append') WHERE id = ?")) {
                    write.setLong(1, head.id());
                    write.setLong(2, head.lines());
                    write.setArray(3, connection.createArrayOf("bytea", lines.toArray(new byte[0][])));
                    write.setLong(4, head.lines() + lines.size());
                    write.setLong(5, lastChained);
                    write.setString(6, tail.prev());
                    write.setLong(7, head.id());
                    write.executeUpdate();
                }
            }
            return new KnownTail(new Head(head.id(), head.lines() + lines.size(), lastChained, tail.prev()), tail);
        });
        knownTails.put(owner, after);
        written.forEach(call -> call.complete(null));
    }

    /** The tail this store left, if the locked head shows that nobody appended since; taken out while in use. */
    private Optional<HistoryLines.Tail> knownTail(Owner owner, Head head) {
        KnownTail known = knownTails.remove(owner);
        return known != null && known.head().equals(head) ? Optional.of(known.tail()) : Optional.empty();
    }

    @Override
    public Stream<HistoryRecord> conversation(String user, String conversation) {
        Owner owner = new Owner(user, conversation);
        return Cursor.open(pool, "SELECT l.line_no, l.line FROM history_line l JOIN history_file f ON f.id = l.file_id"
                        + " WHERE f.user_name = ? AND f.conversation = ? ORDER BY l.line_no",
                statement -> {
                    statement.setString(1, owner.user());
                    statement.setString(2, column(owner.conversation()));
                },
                row -> read(owner.user(), owner.conversation(), row.getLong(1), row.getBytes(2)))
                .flatMap(Optional::stream);
    }

    @Override
    public Stream<String> conversations(String user) {
        new UserName(user);
        return Cursor.open(pool, "SELECT conversation FROM history_file WHERE user_name = ? AND conversation <> ''"
                        + " AND lines > 0 ORDER BY appended DESC",
                statement -> statement.setString(1, user),
                row -> row.getString(1));
    }

    /** Every record of one user: the records outside a conversation first, then the conversations by id. */
    @Override
    public Stream<HistoryRecord> user(String user) {
        new UserName(user);
        return records(" WHERE f.user_name = ?", statement -> statement.setString(1, user));
    }

    /** Every record of every user, users by name. */
    @Override
    public Stream<HistoryRecord> all() {
        return records("", statement -> { });
    }

    /**
     * Checks one conversation's hash chain as {@code history verify} checks a file, against the head
     * recorded with its lines.
     *
     * @param user the user
     * @param conversation the conversation, or null for the user's records outside one
     * @return intact, or the first bad line; an unknown conversation is intact with no lines
     */
    public Verification verify(String user, String conversation) {
        Owner owner = new Owner(user, conversation);
        Optional<Head> head = Database.inTransaction(pool, "history not read", connection -> findHead(connection, owner));
        try {
            return HistoryLines.verify(() -> export(owner), head.map(Head::lines).orElse(0L),
                    head.map(Head::prev).orElse(""), HEAD_SOURCE);
        } catch (IOException e) {
            throw new HistoryException("history not read (PostgreSQL): " + e.getMessage(), e);
        }
    }

    /**
     * Writes one conversation as the NDJSON file adapter holds it, byte for byte.
     *
     * @param user the user
     * @param conversation the conversation, or null for the user's records outside one
     * @param out where the lines go (not closed)
     * @return how many lines were written
     * @throws IOException when {@code out} cannot be written
     */
    public long export(String user, String conversation, OutputStream out) throws IOException {
        try (InputStream lines = export(new Owner(user, conversation))) {
            long count = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n = lines.read(buffer); n >= 0; n = lines.read(buffer)) {
                out.write(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    count += buffer[i] == '\n' ? 1 : 0;
                }
            }
            return count;
        }
    }

    /**
     * Loads NDJSON history files, each into the conversation its path names ({@code
     * {user}/{conversation}.ndjson}, {@code {user}/actions.ndjson}), all in one transaction, with the
     * key ledger and the proposals those lines tell of (as a server on the files rebuilds them at
     * start-up; what the database holds already wins). Each file's chain is checked first: a broken one
     * is refused with its line named, and nothing is loaded.
     *
     * @param files the files
     * @return how many lines were loaded
     * @throws ImportRefusedException when a file is broken, misnamed, or its conversation already holds lines
     * @throws HistoryException when a file or the database cannot be read or written
     */
    public long importFiles(List<Path> files) {
        List<Owner> owners = new ArrayList<>();
        for (Path file : files) {
            HistoryFile history = HistoryFile.at(file);
            Owner owner;
            try {
                owner = HistoryLocation.of(file).owner();
            } catch (IllegalArgumentException e) {
                throw new ImportRefusedException(e.getMessage());
            }
            if (owners.contains(owner)) {
                throw new ImportRefusedException(file + ": another file given holds the same conversation");
            }
            owners.add(owner);
            Verification verification = history.verify();
            if (!verification.intact()) {
                throw new ImportRefusedException(file + ": " + verification + "; nothing was imported");
            }
        }
        return Database.inTransaction(pool, "history not imported", connection -> {
            long lines = 0;
            ImportedState state = new ImportedState();
            for (int i = 0; i < files.size(); i++) {
                lines += load(connection, files.get(i), owners.get(i));
                try (Stream<HistoryRecord> records = HistoryFile.at(files.get(i)).records()) {
                    records.forEach(state::take);
                }
            }
            state.write(connection);
            return lines;
        });
    }

    /** One file's lines into an empty conversation, its head set as the appends would have left it. */
    private long load(Connection connection, Path file, Owner owner) throws SQLException {
        Head head = lockHead(connection, owner);
        if (head.lines() > 0) {
            throw new ImportRefusedException(file + ": the database already holds " + head.lines()
                    + " line(s) of that conversation; nothing was imported");
        }
        HistoryLines.Tail tail = new HistoryLines.Tail();
        long[] lastChained = {0};
        long[] count = {0};
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO history_line (file_id, line_no, line) VALUES (?, ?, ?)")) {
            HistoryLines.eachLine(() -> Files.newInputStream(file), (number, line) -> {
                tail.add(line);
                lastChained[0] = HistoryLines.isChained(line) ? number : lastChained[0];
                count[0] = number;
                try {
                    insert.setLong(1, head.id());
                    insert.setLong(2, number);
                    insert.setBytes(3, line);
                    insert.addBatch();
                    if (number % 500 == 0) {
                        insert.executeBatch();
                    }
                } catch (SQLException e) {
                    throw new BatchFailure(e);
                }
            });
            insert.executeBatch();
        } catch (BatchFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            throw new HistoryException("history not imported from " + file + ": " + e.getMessage(), e);
        }
        updateHead(connection, head.id(), count[0], lastChained[0], tail.prev());
        return count[0];
    }

    private Stream<HistoryRecord> records(String where, Cursor.Binder binder) {
        return Cursor.open(pool, "SELECT f.user_name, f.conversation, l.line_no, l.line"
                        + " FROM history_line l JOIN history_file f ON f.id = l.file_id" + where
                        + " ORDER BY f.user_name COLLATE \"C\", f.conversation COLLATE \"C\", l.line_no",
                binder,
                row -> read(row.getString(1), conversation(row.getString(2)), row.getLong(3), row.getBytes(4)))
                .flatMap(Optional::stream);
    }

    /** A conversation's lines as NDJSON bytes, read from a cursor as they are consumed. */
    private InputStream export(Owner owner) {
        Stream<byte[]> lines = Cursor.open(pool, "SELECT l.line FROM history_line l JOIN history_file f ON f.id = l.file_id"
                        + " WHERE f.user_name = ? AND f.conversation = ? ORDER BY l.line_no",
                statement -> {
                    statement.setString(1, owner.user());
                    statement.setString(2, column(owner.conversation()));
                },
                row -> row.getBytes(1));
        return new LinesInputStream(lines);
    }

    private static Optional<HistoryRecord> read(String user, String conversation, long number, byte[] line) {
        String location = user + "/" + (conversation == null ? "actions" : conversation) + ".ndjson (PostgreSQL)";
        return HistoryLines.read(line, number, location, user, conversation);
    }

    /** The conversation's head row, created when missing, locked until the transaction ends. */
    private static Head lockHead(Connection connection, Owner owner) throws SQLException {
        Optional<Head> existing = selectHead(connection, owner, " FOR UPDATE");
        if (existing.isPresent()) {
            return existing.get(); // the usual case: one round trip
        }
        try (PreparedStatement create = connection.prepareStatement(
                "INSERT INTO history_file (user_name, conversation, appended) VALUES (?, ?, nextval('history_append'))"
                        + " ON CONFLICT (user_name, conversation) DO NOTHING")) {
            create.setString(1, owner.user());
            create.setString(2, column(owner.conversation()));
            create.executeUpdate();
        }
        return selectHead(connection, owner, " FOR UPDATE").orElseThrow(() -> new SQLException("head row vanished"));
    }

    private static Optional<Head> findHead(Connection connection, Owner owner) throws SQLException {
        return selectHead(connection, owner, "");
    }

    private static Optional<Head> selectHead(Connection connection, Owner owner, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, lines, last_chained, head_prev FROM history_file WHERE user_name = ? AND conversation = ?" + lock)) {
            select.setString(1, owner.user());
            select.setString(2, column(owner.conversation()));
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Head(row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** What the next chained line links to: the lines from the last chained one on. */
    private static HistoryLines.Tail tail(Connection connection, Head head) throws SQLException {
        HistoryLines.Tail tail = new HistoryLines.Tail();
        if (head.lines() == 0) {
            return tail;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT line FROM history_line WHERE file_id = ? AND line_no >= ? ORDER BY line_no")) {
            select.setLong(1, head.id());
            select.setLong(2, Math.max(1, head.lastChained()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tail.add(rows.getBytes(1));
                }
            }
        }
        return tail;
    }

    private static void updateHead(Connection connection, long id, long lines, long lastChained, String prev)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE history_file SET lines = ?, last_chained = ?, head_prev = ?, appended = nextval('history_append')"
                        + " WHERE id = ?")) {
            update.setLong(1, lines);
            update.setLong(2, lastChained);
            update.setString(3, prev);
            update.setLong(4, id);
            update.executeUpdate();
        }
    }

    private static String column(String conversation) {
        return conversation == null ? NO_CONVERSATION : conversation;
    }

    private static String conversation(String column) {
        return column.isEmpty() ? null : column;
    }

    /** A conversation's head row. */
    private record Head(long id, long lines, long lastChained, String prev) {}

    /** A chain's tail as an append of this store left it, with the head it left. */
    private record KnownTail(Head head, HistoryLines.Tail tail) {}

    /** Carries a batch insert's failure out of the line reader's callback. */
    private static final class BatchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Lines as newline-terminated bytes; closing it closes their cursor. */
    private static final class LinesInputStream extends InputStream {
        private final Stream<byte[]> lines;
        private final Iterator<byte[]> next;
        /** Past the end of {@code current} and its newline: the next line is due. */
        private byte[] current = new byte[0];
        private int position = 1;

        LinesInputStream(Stream<byte[]> lines) {
            this.lines = lines;
            this.next = lines.iterator();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            try {
                while (position > current.length) {
                    if (!next.hasNext()) {
                        return -1;
                    }
                    current = next.next();
                    position = 0;
                }
            } catch (HistoryException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (position == current.length) {
                buffer[offset] = '\n';
                position++;
                return 1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
