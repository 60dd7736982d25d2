package dev.chatactions.adapter.postgres;

import dev.chatactions.core.session.RateLimiter;
import dev.chatactions.core.session.TokenBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Token buckets in PostgreSQL, shared by every server on the database, so that a user's limit holds
 * whichever server a click lands on. The bucket's rule is {@link TokenBucket}'s; permits are taken in
 * one transaction that locks the bucket's row ({@code SELECT ... FOR UPDATE}, the row made first if
 * missing), so no permit is handed out twice and nobody retries. Concurrent acquires for one key in
 * this process join one such transaction, taking their permits one after another in the order they
 * came. A bucket untouched for a minute is full, the same as none: such rows are deleted whenever a
 * new bucket is made.
 */
public final class PostgresRateLimiter implements RateLimiter {

    private static final Duration REFILLED = Duration.ofMinutes(1);
    /** The most acquires one transaction takes. */
    private static final int MAX_BATCH = 256;
    private static final String LOCK = "SELECT tokens, counted_at FROM rate_bucket WHERE bucket_key = ? FOR UPDATE";
    private static final String CREATE = """
            WITH refilled AS (DELETE FROM rate_bucket WHERE counted_at < ?)
            INSERT INTO rate_bucket (bucket_key, tokens, counted_at, version) VALUES (?, ?, ?, 0)
            ON CONFLICT (bucket_key) DO NOTHING""";
    private static final String UPDATE =
            "UPDATE rate_bucket SET tokens = ?, counted_at = ?, version = version + 1 WHERE bucket_key = ?";

    private final DataSource pool;
    private final Clock clock;
    private final int perMinute;
    private final GroupCommit<String, Void, OptionalLong> acquires = new GroupCommit<>(MAX_BATCH, this::take);

    PostgresRateLimiter(DataSource pool, Clock clock, int perMinute) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.perMinute = TokenBucket.rate(perMinute);
    }

    @Override
    public OptionalLong acquire(String key) {
        return acquires.call(Objects.requireNonNull(key, "key"), null);
    }

    /** One permit per call, taken from the locked bucket one after another; the bucket written once. */
    private void take(String key, List<GroupCommit.Call<Void, OptionalLong>> batch) {
        Instant now = TokenTable.stored(clock.instant());
        List<OptionalLong> answers = TokenTable.inTransaction(pool, "rate limit not checked", connection -> {
            Optional<TokenBucket> locked = lock(connection, key);
            if (locked.isEmpty()) {
                // A missing bucket is a full one: made so (unless another server just made it), then locked.
                create(connection, key, new TokenBucket(perMinute, now), now);
                locked = lock(connection, key);
            }
            TokenBucket bucket = locked.orElseThrow(() -> new SQLException("the rate-limit bucket vanished"));
            List<OptionalLong> taken = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                TokenBucket.Take take = bucket.take(now, perMinute);
                bucket = take.after();
                taken.add(take.granted() ? OptionalLong.empty() : OptionalLong.of(take.waitSeconds()));
            }
            update(connection, key, bucket);
            return taken;
        });
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(answers.get(i));
        }
    }

    private static Optional<TokenBucket> lock(Connection connection, String key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, key);
            try (ResultSet row = lock.executeQuery()) {
                return row.next()
                        ? Optional.of(new TokenBucket(row.getDouble(1), row.getObject(2, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        }
    }

    private static void create(Connection connection, String key, TokenBucket bucket, Instant now) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(CREATE)) {
            create.setObject(1, TokenTable.timestamp(now.minus(REFILLED)));
            create.setString(2, key);
            create.setDouble(3, bucket.tokens());
            create.setObject(4, TokenTable.timestamp(bucket.at()));
            create.executeUpdate();
        }
    }

    private static void update(Connection connection, String key, TokenBucket bucket) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setDouble(1, bucket.tokens());
            update.setObject(2, TokenTable.timestamp(bucket.at()));
            update.setString(3, key);
            update.executeUpdate();
        }
    }
}
