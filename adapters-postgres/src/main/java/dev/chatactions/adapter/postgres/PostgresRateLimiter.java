package dev.chatactions.adapter.postgres;

import dev.chatactions.core.session.RateLimiter;
import dev.chatactions.core.session.TokenBucket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Token buckets in PostgreSQL, shared by every server on the database, so that a user's limit holds
 * whichever server a click lands on. The bucket's rule is {@link TokenBucket}'s; a permit is taken
 * by compare-and-set on the row's version (read, then one conditional write, again if another
 * server wrote in between), so no permit is handed out twice. A bucket untouched for a minute is
 * full, the same as none: such rows are deleted whenever a new bucket is made.
 */
public final class PostgresRateLimiter implements RateLimiter {

    private static final Duration REFILLED = Duration.ofMinutes(1);
    private static final String READ = "SELECT tokens, counted_at, version FROM rate_bucket WHERE bucket_key = ?";
    private static final String CREATE = """
            WITH refilled AS (DELETE FROM rate_bucket WHERE counted_at < ?)
            INSERT INTO rate_bucket (bucket_key, tokens, counted_at, version) VALUES (?, ?, ?, 0)
            ON CONFLICT (bucket_key) DO NOTHING""";
    private static final String UPDATE =
            "UPDATE rate_bucket SET tokens = ?, counted_at = ?, version = version + 1 WHERE bucket_key = ? AND version = ?";

    private record Stored(TokenBucket bucket, long version) {}

    private final DataSource pool;
    private final Clock clock;
    private final int perMinute;

    PostgresRateLimiter(DataSource pool, Clock clock, int perMinute) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.perMinute = TokenBucket.rate(perMinute);
    }

    @Override
    public OptionalLong acquire(String key) {
        Instant now = TokenTable.stored(clock.instant());
        return TokenTable.run(pool, "rate limit not checked", connection -> {
            while (true) {
                Optional<Stored> stored = read(connection.prepareStatement(READ), key);
                TokenBucket.Take take = stored.isEmpty() ? TokenBucket.first(now, perMinute)
                        : stored.get().bucket().take(now, perMinute);
                boolean written = stored.isEmpty() ? create(connection.prepareStatement(CREATE), key, take.after(), now)
                        : update(connection.prepareStatement(UPDATE), key, take.after(), stored.get().version());
                if (written) {
                    return take.granted() ? OptionalLong.empty() : OptionalLong.of(take.waitSeconds());
                }
            }
        });
    }

    private static Optional<Stored> read(PreparedStatement read, String key) throws SQLException {
        try (read) {
            read.setString(1, key);
            try (ResultSet row = read.executeQuery()) {
                return row.next()
                        ? Optional.of(new Stored(new TokenBucket(row.getDouble(1), row.getObject(2, OffsetDateTime.class).toInstant()),
                                row.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    private static boolean create(PreparedStatement create, String key, TokenBucket bucket, Instant now) throws SQLException {
        try (create) {
            create.setObject(1, TokenTable.timestamp(now.minus(REFILLED)));
            create.setString(2, key);
            create.setDouble(3, bucket.tokens());
            create.setObject(4, TokenTable.timestamp(bucket.at()));
            return create.executeUpdate() == 1;
        }
    }

    private static boolean update(PreparedStatement update, String key, TokenBucket bucket, long version) throws SQLException {
        try (update) {
            update.setDouble(1, bucket.tokens());
            update.setObject(2, TokenTable.timestamp(bucket.at()));
            update.setString(3, key);
            update.setLong(4, version);
            return update.executeUpdate() == 1;
        }
    }
}
