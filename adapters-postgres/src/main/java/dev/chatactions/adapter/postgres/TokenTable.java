package dev.chatactions.adapter.postgres;

import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.SecretTokens;
import dev.chatactions.core.session.StateUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The entries of one kind in {@code token_entry}: a secret token (by its SHA-256 only) standing for
 * a value, held by an owner, until it expires. The database's counterpart of the in-memory capped
 * table: a new entry never fails, over a cap the oldest of its owner (or of all) goes, expired rows
 * never answer and are deleted whenever an entry is added.
 */
final class TokenTable {

    /** A live entry: what the token stands for, and until when. */
    record Entry(String value, Instant expiresAt) {}

    // Every sub-statement sees the table as it was, so the caps count the rows before this insert:
    // keeping the newest cap - 1 leaves room for the new one.
    private static final String PUT = """
            WITH expired AS (
                DELETE FROM token_entry WHERE kind = ? AND expires_at <= ?),
            over_owner AS (
                DELETE FROM token_entry WHERE seq IN (
                    SELECT seq FROM token_entry WHERE kind = ? AND owner = ? ORDER BY seq DESC OFFSET ?)),
            over_all AS (
                DELETE FROM token_entry WHERE seq IN (
                    SELECT seq FROM token_entry WHERE kind = ? ORDER BY seq DESC OFFSET ?))
            INSERT INTO token_entry (kind, token_sha256, owner, value, expires_at) VALUES (?, ?, ?, ?, ?)""";
    private static final String GET =
            "SELECT value, expires_at FROM token_entry WHERE kind = ? AND token_sha256 = ? AND expires_at > ?";
    private static final String TAKE =
            "DELETE FROM token_entry WHERE kind = ? AND token_sha256 = ? RETURNING value, expires_at";

    private final DataSource pool;
    private final String kind;
    private final Retention retention;

    TokenTable(DataSource pool, String kind, Retention retention) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    Retention retention() {
        return retention;
    }

    /** The moment {@code instant}, as precise as the database keeps it (microseconds). */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    void put(String token, String owner, String value, Instant expiresAt, Instant now) {
        run("not signed in", connection -> {
            try (PreparedStatement put = connection.prepareStatement(PUT)) {
                put.setString(1, kind);
                put.setObject(2, timestamp(now));
                put.setString(3, kind);
                put.setString(4, owner);
                put.setInt(5, retention.perOwner() - 1);
                put.setString(6, kind);
                put.setInt(7, retention.total() - 1);
                put.setString(8, kind);
                put.setBytes(9, SecretTokens.sha256(token));
                put.setString(10, owner);
                put.setString(11, value);
                put.setObject(12, timestamp(expiresAt));
                return put.executeUpdate();
            }
        });
    }

    /** The live entry of {@code token}. */
    Optional<Entry> get(String token, Instant now) {
        return run("session not read", connection -> {
            try (PreparedStatement get = connection.prepareStatement(GET)) {
                get.setString(1, kind);
                get.setBytes(2, SecretTokens.sha256(token));
                get.setObject(3, timestamp(now));
                return entry(get);
            }
        });
    }

    /** Removes {@code token}'s entry; the entry if it was live. Of concurrent takes, only one gets the row. */
    Optional<Entry> take(String token, Instant now) {
        return run("token not redeemed", connection -> {
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setString(1, kind);
                take.setBytes(2, SecretTokens.sha256(token));
                return entry(take).filter(entry -> entry.expiresAt().isAfter(now));
            }
        });
    }

    private static Optional<Entry> entry(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next()
                    ? Optional.of(new Entry(row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant()))
                    : Optional.empty();
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC);
    }

    /** Runs {@code statement} on a pooled connection, committed on its own; a failure says {@code what} did not happen and shows no secret. */
    static <T> T run(DataSource pool, String what, Database.Work<T> statement) {
        try {
            return Database.autocommitted(pool, statement);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs {@code work} in one transaction on a pooled connection; a failure as {@link #run}'s. */
    static <T> T inTransaction(DataSource pool, String what, Database.Work<T> work) {
        try {
            return Database.committed(pool, work);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    private static StateUnavailableException unavailable(String what, SQLException e) {
        return new StateUnavailableException(what + " (PostgreSQL): " + Database.reason(e), e);
    }

    private <T> T run(String what, Database.Work<T> statement) {
        return run(pool, what, statement);
    }
}
