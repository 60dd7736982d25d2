package dev.chatactions.adapter.postgres;

import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.config.SettingChecks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared database (PostgreSQL) that several servers use instead of the NDJSON files and memory.
 * The URL is never shown: it may carry credentials of its own.
 *
 * @param url {@code CHAT_DATABASE_URL}, a {@code jdbc:postgresql:} URL
 * @param user {@code CHAT_DATABASE_USER}, or null to leave it to the URL
 * @param password {@code CHAT_DATABASE_PASSWORD}, or null
 * @param poolSize the most connections one process holds
 * @param timeout the bound on connecting, on waiting for a pooled connection, and on each statement
 * @param keyLease {@code CHAT_DATABASE_KEY_LEASE_SECONDS}: how long a running key outlives its server's
 *     last heartbeat, after which every server reads it as unknown
 */
public record DatabaseSettings(String url, String user, Secret password, int poolSize, Duration timeout, Duration keyLease) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_KEY_LEASE = Duration.ofSeconds(30);

    /** Checks the URL's scheme and the bounds. */
    public DatabaseSettings {
        SettingChecks.required(url, "CHAT_DATABASE_URL");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("CHAT_DATABASE_URL must be a jdbc:postgresql: URL");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the database pool needs at least one connection");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 250) {
            throw new IllegalArgumentException("the database timeout must be at least 250 ms");
        }
        Objects.requireNonNull(keyLease, "keyLease");
        if (keyLease.toSeconds() < 1) {
            throw new IllegalArgumentException("CHAT_DATABASE_KEY_LEASE_SECONDS must be at least 1");
        }
    }

    /** With the default pool size, timeout and key lease. */
    public DatabaseSettings(String url, String user, Secret password) {
        this(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, DEFAULT_KEY_LEASE);
    }

    /**
     * The database named by {@code CHAT_DATABASE_URL}, {@code CHAT_DATABASE_USER} and {@code
     * CHAT_DATABASE_PASSWORD}; empty when no URL is set (then the files and memory serve).
     *
     * @param vars the environment
     * @return the settings, if a database is configured
     * @throws ConfigurationException for a malformed URL, or a user or password without a URL
     */
    public static Optional<DatabaseSettings> fromEnvironment(EnvironmentVariables vars) {
        vars.requireWith("CHAT_DATABASE_USER", "CHAT_DATABASE_URL");
        vars.requireWith("CHAT_DATABASE_PASSWORD", "CHAT_DATABASE_URL");
        Optional<String> url = vars.get("CHAT_DATABASE_URL");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Secret password = vars.get("CHAT_DATABASE_PASSWORD").map(set -> vars.secret("CHAT_DATABASE_PASSWORD")).orElse(null);
        try {
            Duration lease = vars.positiveLong("CHAT_DATABASE_KEY_LEASE_SECONDS").map(Duration::ofSeconds).orElse(DEFAULT_KEY_LEASE);
            return Optional.of(new DatabaseSettings(url.get(), vars.get("CHAT_DATABASE_USER").orElse(null), password,
                    DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, lease));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + Secret.HIDDEN + ", user=" + user + ", password=" + Secret.HIDDEN
                + ", poolSize=" + poolSize + ", timeout=" + timeout + ", keyLease=" + keyLease + "]";
    }
}
