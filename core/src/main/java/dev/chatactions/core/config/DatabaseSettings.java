package dev.chatactions.core.config;

import java.time.Duration;
import java.util.Map;
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
        Objects.requireNonNull(url, "url");
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
     * @param env variable names to values
     * @return the settings, if a database is configured
     * @throws ConfigurationException for a malformed URL, or a user or password without a URL
     */
    public static Optional<DatabaseSettings> fromEnvironment(Map<String, String> env) {
        Optional<String> url = value(env, "CHAT_DATABASE_URL");
        if (url.isEmpty()) {
            for (String dependent : new String[] {"CHAT_DATABASE_USER", "CHAT_DATABASE_PASSWORD"}) {
                if (value(env, dependent).isPresent()) {
                    throw new ConfigurationException(dependent + " is set but CHAT_DATABASE_URL is not");
                }
            }
            return Optional.empty();
        }
        try {
            Secret password = value(env, "CHAT_DATABASE_PASSWORD")
                    .map(set -> Secret.of(env.get("CHAT_DATABASE_PASSWORD"), "CHAT_DATABASE_PASSWORD")).orElse(null);
            Duration lease = value(env, "CHAT_DATABASE_KEY_LEASE_SECONDS").map(DatabaseSettings::seconds)
                    .orElse(DEFAULT_KEY_LEASE);
            return Optional.of(new DatabaseSettings(url.get(), value(env, "CHAT_DATABASE_USER").orElse(null), password,
                    DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, lease));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CHAT_DATABASE_KEY_LEASE_SECONDS must be a whole number of seconds");
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + Secret.HIDDEN + ", user=" + user + ", password=" + Secret.HIDDEN
                + ", poolSize=" + poolSize + ", timeout=" + timeout + ", keyLease=" + keyLease + "]";
    }
}
