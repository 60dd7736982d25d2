package dev.chatactions.adapter.postgres;

import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * {@link KeyLedger} in PostgreSQL, shared by every instance on the database: a claim is one
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so exactly one caller on any instance owns a key, and
 * every other instance sees the claim at once. The database is the truth: {@link #remember} does
 * nothing ({@code history import} fills the ledger from old history files).
 *
 * <p>A running key carries this instance's id and a lease that a heartbeat renews while the run
 * lasts. When the instance dies mid-run the lease runs out, and every instance reads the key as
 * settled {@link ActionOutcome.Unknown}: a replay then reconciles it (looks upstream for what it
 * created) before anything is tried again. Close the ledger to stop its heartbeat.
 */
public final class PostgresKeyLedger implements KeyLedger, AutoCloseable {

    /** How long a running key outlives its instance's last heartbeat. */
    public static final Duration DEFAULT_LEASE = DatabaseSettings.DEFAULT_KEY_LEASE;

    private final DataSource pool;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();
    /** The keys this instance claimed and has not settled or released: their leases are renewed. */
    private final Set<LedgerKey> running = ConcurrentHashMap.newKeySet();
    /** Claims whose release failed: the heartbeat gives them back when the database is reachable again. */
    private final Map<LedgerKey, KeyState.Running> unreleased = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;

    PostgresKeyLedger(DataSource pool, Duration lease) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("a lease must be at least 300 ms");
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chat-actions-key-lease");
            thread.setDaemon(true);
            return thread;
        });
        long period = lease.toMillis() / 3;
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<KeyState> claim(LedgerKey key, KeyState.Running claim) {
        // Each statement commits on its own: the insert is the claim, and a read after it sees what it conflicted with.
        return Database.autocommit(pool, "key not claimed", connection -> {
            // A conflicting claim given back between the insert and the read: the key is free again, so insert again.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (insertClaim(connection, key, claim)) {
                    running.add(key);
                    return Optional.<KeyState>empty();
                }
                // The conflicting claim is committed (the insert waited for it), so a plain read sees it.
                Optional<KeyState> earlier = state(connection, key, "");
                if (earlier.isPresent()) {
                    return earlier;
                }
            }
            throw new SQLException("the key was claimed and given back three times in a row", "40001");
        });
    }

    private boolean insertClaim(Connection connection, LedgerKey key, KeyState.Running claim) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO action_key (user_name, idempotency_key, request_digest, started_at, instance, lease_until)"
                        + " VALUES (?, ?, ?, ?, ?, now() + make_interval(secs => ?)) ON CONFLICT DO NOTHING")) {
            insert.setString(1, key.user());
            insert.setString(2, key.key());
            insert.setString(3, claim.requestDigest());
            insert.setString(4, claim.startedAt().toString());
            insert.setString(5, instance);
            insert.setDouble(6, leaseSeconds());
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public boolean reclaim(LedgerKey key, KeyState.Settled expected, KeyState.Running claim) {
        return Database.inTransaction(pool, "key not claimed", connection -> {
            Optional<KeyState> current = state(connection, key, " FOR UPDATE");
            if (current.isEmpty() || !current.get().equals(expected)) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE action_key SET request_digest = ?, started_at = ?, outcome = NULL, instance = ?,"
                            + " lease_until = now() + make_interval(secs => ?) WHERE user_name = ? AND idempotency_key = ?")) {
                update.setString(1, claim.requestDigest());
                update.setString(2, claim.startedAt().toString());
                update.setString(3, instance);
                update.setDouble(4, leaseSeconds());
                update.setString(5, key.user());
                update.setString(6, key.key());
                update.executeUpdate();
            }
            running.add(key);
            return true;
        });
    }

    @Override
    public void settle(LedgerKey key, KeyState.Settled settled) {
        try {
            Database.autocommit(pool, "key not settled", connection -> {
                writeSettled(connection, key, settled, true);
                return null;
            });
        } finally {
            running.remove(key); // unsettled here, its lease runs out and it reads as unknown
        }
    }

    /**
     * Writes a settled key: over whatever state it has ({@code replace}), or only when it has none (an
     * import, where the database's own state wins).
     */
    static void writeSettled(Connection connection, LedgerKey key, KeyState.Settled settled, boolean replace)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO action_key (user_name, idempotency_key, request_digest, started_at, outcome)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_name, idempotency_key) DO " + (replace
                                ? "UPDATE SET request_digest = EXCLUDED.request_digest, started_at = EXCLUDED.started_at,"
                                        + " outcome = EXCLUDED.outcome, instance = NULL, lease_until = NULL"
                                : "NOTHING"))) {
            upsert.setString(1, key.user());
            upsert.setString(2, key.key());
            upsert.setString(3, settled.requestDigest());
            upsert.setString(4, settled.startedAt().toString());
            upsert.setString(5, StoredRecords.outcome(key, settled.startedAt(), settled.outcome()));
            upsert.executeUpdate();
        }
    }

    /**
     * Gives the claim back. When the database cannot be reached the claim is given back by the
     * heartbeat once it can, so an outage between a claim and its started line leaves nothing behind.
     */
    @Override
    public void release(LedgerKey key, KeyState.Running claim) {
        running.remove(key);
        try {
            delete(key, claim);
        } catch (RuntimeException e) {
            unreleased.put(key, claim);
            throw e;
        }
    }

    private void delete(LedgerKey key, KeyState.Running claim) {
        Database.autocommit(pool, "key not released", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM action_key WHERE user_name = ? AND idempotency_key = ? AND outcome IS NULL"
                            + " AND request_digest = ? AND started_at = ?")) {
                delete.setString(1, key.user());
                delete.setString(2, key.key());
                delete.setString(3, claim.requestDigest());
                delete.setString(4, claim.startedAt().toString());
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<KeyState> find(LedgerKey key) {
        return Database.autocommit(pool, "key not read", connection -> state(connection, key, ""));
    }

    /** The database is the truth; {@code history import} fills it from old history files. */
    @Override
    public void remember(HistoryRecord.ActionLine line) {
        // nothing to rebuild
    }

    /** Stops renewing leases: keys still running here read as unknown once their leases run out. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    private static Optional<KeyState> state(Connection connection, LedgerKey key, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT request_digest, started_at, outcome, lease_until < now() FROM action_key"
                        + " WHERE user_name = ? AND idempotency_key = ?" + lock)) {
            select.setString(1, key.user());
            select.setString(2, key.key());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String digest = row.getString(1);
                Instant startedAt = Instant.parse(row.getString(2));
                String outcome = row.getString(3);
                if (outcome != null) {
                    return Optional.of(new KeyState.Settled(digest, startedAt, StoredRecords.outcome(key, outcome)));
                }
                if (row.getBoolean(4)) {
                    return Optional.of(new KeyState.Settled(digest, startedAt, new ActionOutcome.Unknown(key.key(),
                            Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "started at " + startedAt
                                    + " on a server that stopped before its outcome was recorded"))));
                }
                return Optional.of(new KeyState.Running(digest, startedAt));
            }
        }
    }

    private double leaseSeconds() {
        return lease.toMillis() / 1000.0;
    }

    /** Gives back what could not be given back before, and renews the leases of this instance's runs. */
    private void beat() {
        unreleased.forEach((key, claim) -> {
            try {
                delete(key, claim);
                unreleased.remove(key, claim);
            } catch (RuntimeException e) {
                // still unreachable: the next beat tries again
            }
        });
        renewLeases();
    }

    /** Renews the leases of this instance's runs; a lost database is tried again at the next beat. */
    private void renewLeases() {
        List<LedgerKey> keys = List.copyOf(running);
        if (keys.isEmpty()) {
            return;
        }
        try {
            Database.inTransaction(pool, "leases not renewed", connection -> {
                try (PreparedStatement renew = connection.prepareStatement(
                        "UPDATE action_key SET lease_until = now() + make_interval(secs => ?) WHERE instance = ?"
                                + " AND outcome IS NULL AND (user_name, idempotency_key) IN"
                                + " (SELECT * FROM unnest(?::text[], ?::text[]))")) {
                    renew.setDouble(1, leaseSeconds());
                    renew.setString(2, instance);
                    renew.setArray(3, connection.createArrayOf("text", keys.stream().map(LedgerKey::user).toArray()));
                    renew.setArray(4, connection.createArrayOf("text", keys.stream().map(LedgerKey::key).toArray()));
                    renew.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The next beat tries again; a lease that runs out meanwhile reads as unknown, never as free.
        }
    }
}
