package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for tests: Debian's server binaries ({@code /usr/lib/postgresql/N/bin}, the
 * newest N, or {@code CHAT_ACTIONS_POSTGRES_BIN}), a fresh cluster in a temporary directory,
 * listening on 127.0.0.1 only, on a free port, with a password-protected role for the tests.
 * As root (CI) it runs initdb and the server as the {@code postgres} system user, since initdb
 * refuses root. Where PostgreSQL is missing the test is skipped, unless
 * {@code CHAT_ACTIONS_REQUIRE_POSTGRES=1} makes that a failure.
 *
 * <p>{@link #stop()} and {@link #start()} take the server down and up again on the same port and
 * data (a lost database); {@link #close()} stops it and removes everything.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "chat_test";
    public static final String DATABASE = "chat_test";
    /** A test-only password, so that the tests connect the way a deployment does (SCRAM). */
    public static final String PASSWORD = "test-only-password";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path binaries;
    private final Path root;
    private final Path data;
    private final List<String> asServerUser;
    private final int port;
    private final boolean durable;
    private Process server;

    private PostgresServer(Path binaries, Path root, List<String> asServerUser, int port, boolean durable) {
        this.durable = durable;
        this.binaries = binaries;
        this.root = root;
        this.data = root.resolve("data");
        this.asServerUser = asServerUser;
        this.port = port;
    }

    /**
     * Creates a cluster and starts it, or skips the calling test when PostgreSQL is not installed
     * (fails instead when {@code CHAT_ACTIONS_REQUIRE_POSTGRES=1}).
     */
    public static PostgresServer startNew() {
        return startNew(false);
    }

    /**
     * As {@link #startNew()}; {@code durable} keeps PostgreSQL's defaults ({@code fsync}, {@code
     * synchronous_commit} and {@code full_page_writes} on) instead of the tests' quick settings, so
     * that a benchmark can compare it with the NDJSON files' forced appends.
     */
    public static PostgresServer startNew(boolean durable) {
        Optional<Path> binaries = binaries();
        List<String> asServerUser = serverUser();
        boolean usable = binaries.isPresent() && asServerUser != null;
        if ("1".equals(System.getenv("CHAT_ACTIONS_REQUIRE_POSTGRES"))) {
            assertThat(usable).as("PostgreSQL server binaries (and, as root, a postgres system user) are required here"
                    + " (CHAT_ACTIONS_REQUIRE_POSTGRES=1)").isTrue();
        }
        Assumptions.assumeTrue(usable, "PostgreSQL is not installed: skipped (bin/test installs Debian's postgresql)");
        try {
            Path root = Files.createTempDirectory("chat-actions-pg");
            PostgresServer server = new PostgresServer(binaries.get(), root, asServerUser, freePort(), durable);
            try {
                server.initialise();
                server.start();
                server.createDatabase();
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of the test database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** The server's process id (its sessions are its children), while it runs. */
    public synchronized long pid() {
        if (server == null) {
            throw new IllegalStateException("the server is stopped");
        }
        return server.pid();
    }

    /** Starts the server (again), on the same port and data, and waits until it accepts connections. */
    public synchronized void start() {
        if (server != null && server.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(asServerUser);
        command.addAll(List.of(binaries.resolve("postgres").toString(), "-D", data.toString(),
                "-c", "listen_addresses=127.0.0.1", "-p", Integer.toString(port),
                "-c", "unix_socket_directories=" + root, "-c", "max_connections=200"));
        if (!durable) {
            // A test cluster need not survive a machine crash: no fsync keeps the tests quick.
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        try {
            server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(root.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitConnections();
    }

    /** Stops the server at once (fast shutdown: open connections are cut), keeping its data. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        Process stopping = server;
        server = null;
        // SIGINT is PostgreSQL's fast shutdown; the process is the server itself (setpriv execs it).
        run(List.of("kill", "-INT", Long.toString(stopping.pid())), false);
        try {
            if (!stopping.waitFor(30, TimeUnit.SECONDS)) {
                stopping.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and removes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteTree(root);
        }
    }

    private void initialise() throws IOException {
        Path passwordFile = root.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (!asServerUser.isEmpty()) {
            // The server user must own its directory; the root-owned temp directory is 0700.
            run(List.of("chown", "-R", "postgres:postgres", root.toString()), true);
        }
        List<String> command = new ArrayList<>(asServerUser);
        command.addAll(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
        run(command, true);
    }

    private void createDatabase() {
        try (Connection admin = connect("postgres")) {
            admin.createStatement().execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("the test database could not be created", e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private void awaitConnections() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (server == null || !server.isAlive()) {
                throw new IllegalStateException("PostgreSQL did not start: " + log());
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT + ": " + log(), last);
    }

    private String log() {
        try {
            return Files.readString(root.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no server log)";
        }
    }

    /** The newest installed server binaries; {@code CHAT_ACTIONS_POSTGRES_BIN} names others. */
    static Optional<Path> binaries() {
        String named = System.getenv("CHAT_ACTIONS_POSTGRES_BIN");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(PostgresServer::hasServer);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.filter(v -> v.getFileName().toString().matches("[0-9]+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .filter(PostgresServer::hasServer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb"));
    }

    /** The prefix that runs a command as the server's user: none unless root; null when root has no postgres user. */
    private static List<String> serverUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        try {
            boolean exists = Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("postgres:"));
            return exists ? List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups") : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(List<String> command, boolean mustSucceed) {
        try {
            Path output = Files.createTempFile(root, "command", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
            if (mustSucceed && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && !Files.isSymbolicLink(entry)) {
                    deleteTree(entry);
                } else {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
