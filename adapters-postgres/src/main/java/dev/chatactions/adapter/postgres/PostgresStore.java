package dev.chatactions.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.session.Retention;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The entry point to the PostgreSQL store: a connection pool on {@code CHAT_DATABASE_URL} and the
 * schema, brought up to date by {@link #migrate()} (Flyway, migrations in {@code db/chat-actions}).
 * Every wait is bounded, so a lost database gives an error in seconds, never a hang: connecting,
 * taking a connection from the pool, and each statement.
 */
public final class PostgresStore implements AutoCloseable {

    /** Where the migrations live on the class path. */
    static final String MIGRATIONS = "classpath:db/chat-actions";

    private final HikariDataSource pool;
    /** One for the store, so that appends from all its callers join their batches. */
    private final PostgresHistory history;
    /** Closed with the store, so that their heartbeats stop with it. */
    private final List<PostgresKeyLedger> ledgers = new CopyOnWriteArrayList<>();

    private PostgresStore(HikariDataSource pool) {
        this.pool = pool;
        this.history = new PostgresHistory(pool);
    }

    /**
     * A pool on the database; nothing is connected yet, so a database that is down now is reached
     * once it is back.
     *
     * @param settings where and how
     * @return the store; close it
     */
    public static PostgresStore open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chat-actions");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password().reveal());
        }
        long millis = settings.timeout().toMillis();
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(millis);
        config.setValidationTimeout(Math.max(250, millis / 2));
        // Start without a connection: the first use fails (and the next one retries) while the database is away.
        config.setInitializationFailTimeout(-1);
        long seconds = Math.max(1, settings.timeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", Long.toString(seconds));
        config.addDataSourceProperty("loginTimeout", Long.toString(seconds));
        // A server that stops answering mid-statement: the socket gives up a little after the statement would.
        config.addDataSourceProperty("socketTimeout", Long.toString(seconds * 3));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "chat-actions");
        config.addDataSourceProperty("options", "-c statement_timeout=" + millis + " -c lock_timeout=" + millis);
        return new PostgresStore(new HikariDataSource(config));
    }

    /**
     * Applies the migrations the database lacks (the server does it at start-up; {@code chat-actions
     * db migrate} on demand).
     *
     * @return the schema version now, and how many migrations ran
     * @throws HistoryException when the database cannot be reached or a migration fails
     */
    public Migration migrate() {
        try {
            MigrateResult result = Flyway.configure().dataSource(pool).locations(MIGRATIONS)
                    .load().migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            return new Migration(version, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new HistoryException("database schema not migrated: " + Database.reason(e), e);
        }
    }

    /**
     * The outcome of {@link #migrate()}.
     *
     * @param version the schema version after it
     * @param applied how many migrations it applied
     */
    public record Migration(String version, int applied) {}

    /** The history in this database. */
    public PostgresHistory history() {
        return history;
    }

    /**
     * The key ledger in this database, as one instance: its running keys outlive it by {@code lease}.
     *
     * @param lease how long a running key stays running after its instance's last heartbeat ({@link
     *     PostgresKeyLedger#DEFAULT_LEASE} unless tests need it short)
     * @return the ledger, closed with the store
     */
    public PostgresKeyLedger keyLedger(Duration lease) {
        PostgresKeyLedger ledger = new PostgresKeyLedger(pool, lease);
        ledgers.add(ledger);
        return ledger;
    }

    /** The proposals in this database. */
    public PostgresProposals proposals() {
        return new PostgresProposals(pool);
    }

    /** The sessions in this database, reading {@code clock}, under {@code retention}'s lifetime and caps. */
    public PostgresSessions sessions(Clock clock, Retention retention) {
        return new PostgresSessions(pool, clock, retention);
    }

    /**
     * The single-use tokens of one kind in this database.
     *
     * @param kind {@link PostgresSingleUseTokens#PENDING_SIGN_INS} or {@link PostgresSingleUseTokens#SIGN_IN_LINKS}
     */
    public PostgresSingleUseTokens singleUseTokens(String kind, Clock clock, Retention retention) {
        return new PostgresSingleUseTokens(pool, kind, clock, retention);
    }

    /** The rate limits in this database: {@code perMinute} actions a minute per key. */
    public PostgresRateLimiter rateLimiter(Clock clock, int perMinute) {
        return new PostgresRateLimiter(pool, clock, perMinute);
    }

    @Override
    public void close() {
        ledgers.forEach(PostgresKeyLedger::close);
        pool.close();
    }
}
