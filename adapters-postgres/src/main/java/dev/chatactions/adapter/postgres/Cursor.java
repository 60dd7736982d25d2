package dev.chatactions.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * A query read lazily: the driver fetches {@link PostgresHistory#FETCH_SIZE} rows at a time through a
 * cursor (which needs a transaction), and the connection goes back to the pool when the stream is closed.
 */
final class Cursor {

    private Cursor() {}

    /** Sets a statement's parameters. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    static <T> Stream<T> open(DataSource pool, String sql, Binder binder, RowReader<T> reader) {
        Connection connection = null;
        try {
            connection = pool.getConnection();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(PostgresHistory.FETCH_SIZE);
            binder.bind(statement);
            ResultSet rows = statement.executeQuery();
            Connection opened = connection;
            return StreamSupport.stream(new Rows<>(rows, reader), false).onClose(() -> close(opened));
        } catch (SQLException e) {
            if (connection != null) {
                close(connection);
            }
            throw Database.failure("history not read", e);
        }
    }

    /** Ends the read-only transaction, which closes its statement and cursor, and returns the connection. */
    private static void close(Connection connection) {
        try (connection) {
            connection.rollback();
            connection.setReadOnly(false);
        } catch (SQLException e) {
            // The pool checks a connection before it hands it out again; nothing was written.
        }
    }

    private static final class Rows<T> extends Spliterators.AbstractSpliterator<T> {
        private final ResultSet rows;
        private final RowReader<T> reader;

        Rows(ResultSet rows, RowReader<T> reader) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.rows = rows;
            this.reader = reader;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            try {
                if (!rows.next()) {
                    return false;
                }
                action.accept(reader.read(rows));
                return true;
            } catch (SQLException e) {
                throw Database.failure("history not read", e);
            }
        }
    }
}
