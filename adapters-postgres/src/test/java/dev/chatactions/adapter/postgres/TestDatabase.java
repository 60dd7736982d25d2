package dev.chatactions.adapter.postgres;

import dev.chatactions.core.config.DatabaseSettings;
import dev.chatactions.core.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One {@link PostgresServer} with the schema migrated, shared by a test class; each test empties it
 * first. Tests open stores (pools) on it as "instances".
 */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;

    private TestDatabase(PostgresServer server) {
        this.server = server;
    }

    /** Starts a server and migrates its schema (or skips the test where PostgreSQL is missing). */
    public static TestDatabase start() {
        TestDatabase database = startUnmigrated();
        PostgresServer server = database.server;
        try (PostgresStore store = database.openStore()) {
            store.migrate();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return database;
    }

    /** Starts a server with an empty database, for a test of the migration itself. */
    public static TestDatabase startUnmigrated() {
        return new TestDatabase(PostgresServer.startNew());
    }

    public PostgresServer server() {
        return server;
    }

    /** The settings a deployment would give, with short bounds so that a lost database shows at once. */
    public DatabaseSettings settings() {
        return new DatabaseSettings(server.url(), PostgresServer.USER,
                Secret.of(PostgresServer.PASSWORD, "CHAT_DATABASE_PASSWORD"), 8, Duration.ofSeconds(2));
    }

    /** A new pool on the database: one "instance". */
    public PostgresStore openStore() {
        return PostgresStore.open(settings());
    }

    /** Removes every row the stores wrote. */
    public void empty() {
        sql("TRUNCATE history_line, history_file, action_key, proposal RESTART IDENTITY");
    }

    /** Runs statements directly, as an operator (or an attacker with database access) would. */
    public void sql(String statements) {
        try (Connection connection = DriverManager.getConnection(server.url(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            connection.createStatement().execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
