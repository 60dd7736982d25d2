package dev.chatactions.adapter.postgres;

import dev.chatactions.core.config.Secret;
import dev.chatactions.core.port.HistoryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Connections and transactions on the pool, with failures as {@link HistoryException}s that show no credentials. */
final class Database {

    /** A JDBC URL may carry a password in its parameters: never repeated. */
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:[^\\s()'\"]*");
    private static final int MAX_REASON = 300;

    private Database() {}

    /** Work in one transaction; its result is committed before it is returned. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param what names the work in a failure ("history not written")
     */
    static <T> T inTransaction(DataSource pool, String what, Work<T> work) {
        try {
            return committed(pool, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs {@code work} with each statement committed on its own: for work of one statement, or whose
     * statements need no transaction in common (a round trip fewer than {@link #inTransaction}).
     */
    static <T> T autocommit(DataSource pool, String what, Work<T> work) {
        try {
            return autocommitted(pool, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a pooled connection, each statement committed on its own. */
    static <T> T autocommitted(DataSource pool, Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T committed(DataSource pool, Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        }
    }

    static HistoryException failure(String what, SQLException e) {
        return new HistoryException(what + " (PostgreSQL): " + reason(e), e);
    }

    /** One line saying what went wrong: the SQL state and the message, without URLs or any secret held. */
    static String reason(Throwable e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null ? "SQL state " + sql.getSQLState() + ": " : "";
        String message = String.valueOf(e.getMessage()).replace('\r', ' ').replace('\n', ' ');
        message = Secret.redact(JDBC_URL.matcher(message).replaceAll("[database URL]"));
        if (message.length() > MAX_REASON) {
            message = message.substring(0, MAX_REASON) + "...";
        }
        return state + message;
    }

    static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
