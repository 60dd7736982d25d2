package dev.chatactions.adapter.postgres;

import dev.chatactions.core.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link PostgresServer} for a test class (started before its tests, removed after them), with
 * the schema migrated and emptied before each test, or left empty for a test of the migration.
 * Register it as a static {@code @RegisterExtension} field; tests use {@link #store()}, or open more
 * stores (pools) on it as "instances".
 */
public final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final boolean migrated;
    private PostgresServer server;
    /** The test's own store, opened on first use and closed after the test. */
    private PostgresStore store;

    private TestDatabase(boolean migrated) {
        this.migrated = migrated;
    }

    /** A database with the schema, empty at the start of each test. */
    public static TestDatabase migrated() {
        return new TestDatabase(true);
    }

    /** A database without the schema: the tests migrate it themselves (and {@link #empty()} it). */
    public static TestDatabase unmigrated() {
        return new TestDatabase(false);
    }

    /** Starts the server (or skips the class where PostgreSQL is missing) and migrates it. */
    @Override
    public void beforeAll(ExtensionContext context) {
        server = PostgresServer.startNew();
        if (migrated) {
            try (PostgresStore store = openStore()) {
                store.migrate();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (migrated) {
            empty();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    public PostgresServer server() {
        return server;
    }

    /** The settings a deployment would give: the default pool and bounds. */
    public DatabaseSettings settings() {
        return new DatabaseSettings(server.url(), PostgresServer.USER,
                Secret.of(PostgresServer.PASSWORD, "CHAT_DATABASE_PASSWORD"));
    }

    /** A new pool on the database: one "instance". */
    public PostgresStore openStore() {
        return PostgresStore.open(settings());
    }

    /** The current test's store, the same all through the test; closed after it. */
    public PostgresStore store() {
        if (store == null) {
            store = openStore();
        }
        return store;
    }

    /** Removes every row the stores wrote. */
    public void empty() {
        sql("TRUNCATE history_line, history_file, action_key, proposal, token_entry, rate_bucket RESTART IDENTITY");
    }

    /** Runs statements directly, as an operator (or an attacker with database access) would. */
    public void sql(String statements) {
        try (Connection connection = DriverManager.getConnection(server.url(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            connection.createStatement().execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
