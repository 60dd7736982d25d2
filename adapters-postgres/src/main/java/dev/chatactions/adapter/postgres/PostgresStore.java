package dev.chatactions.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatactions.core.config.DatabaseSettings;
import dev.chatactions.core.port.HistoryException;
import javax.sql.DataSource;
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

    private PostgresStore(HikariDataSource pool) {
        this.pool = pool;
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
        return new PostgresHistory(pool);
    }

    /** The pool, for the store's other tables. */
    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
