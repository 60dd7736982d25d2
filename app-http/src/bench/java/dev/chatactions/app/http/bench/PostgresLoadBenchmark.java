package dev.chatactions.app.http.bench;

import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.app.http.SignInByHand;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import dev.chatactions.app.http.bench.HttpLoadBenchmark.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The action load of {@link HttpLoadBenchmark} (64 kept-alive clients posting issue-create actions, each
 * with a new key, to servers in JVMs of their own on a stand-in forge) in three set-ups, one after the
 * other in one run: one server on the NDJSON files, one server on PostgreSQL, and two servers on one
 * PostgreSQL taken in turn by the clients, request by request (a round-robin balancer). PostgreSQL runs
 * on loopback ({@link PostgresServer}, as in the tests). Prints actions/s, p50/p99, the servers' CPU per
 * action, and the database's commits and statement time per action ({@code pg_stat_database.xact_commit},
 * {@code active_time}).
 *
 * <p>Run: {@code app-http/bench-postgres.sh} (see BENCHMARKS.md, section "PostgreSQL").
 */
public final class PostgresLoadBenchmark {

    private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/chat-actions-http.jar"));
    /** Which set-ups run, in this order: {@code files} (one server), {@code db} (one server), {@code db2} (two servers). */
    private static final List<String> SETUPS = List.of(System.getProperty("bench.setups", "files,db,db2").split(","));
    /** PostgreSQL with its durable defaults (fsync, synchronous commit) instead of the tests' quick settings. */
    private static final boolean DURABLE = Boolean.getBoolean("bench.postgres.durable");
    /** JVM options for the servers, split on spaces (e.g. a flight recording to see where their CPU goes). */
    private static final List<String> SERVER_OPTIONS = System.getProperty("bench.server.options", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.server.options").strip().split("\\s+"));

    private PostgresLoadBenchmark() {}

    /** One set-up's measured run: the load's figures and what it cost the servers and the database. */
    private record Result(Run run, double serverCpuMillisPerAction, double databaseCpuMillisPerAction,
            double clientCpuMillisPerAction, double commitsPerAction, double databaseMillisPerAction) {}

    /** The database's counters: committed transactions, and milliseconds its sessions spent running statements. */
    private record Counters(long commits, double activeMillis) {}

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        try (StandInForge forge = new StandInForge(); PostgresServer database = PostgresServer.startNew(DURABLE)) {
            Map<String, String> onDatabase = Map.of("CHAT_DATABASE_URL", database.url(),
                    "CHAT_DATABASE_USER", PostgresServer.USER, "CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD);
            String postgres = DURABLE ? "PostgreSQL (durable)" : "PostgreSQL";
            String loadAtStart = Files.readString(Path.of("/proc/loadavg")).strip();
            List<Result> results = new ArrayList<>();
            double bestOnDatabase = 0;
            for (String setup : SETUPS) {
                Result result = switch (setup.strip()) {
                    case "files" -> measure("1 server, NDJSON files", client, forge, database, 1, Map.of());
                    case "db" -> measure("1 server, " + postgres, client, forge, database, 1, onDatabase);
                    case "db2" -> measure("2 servers, " + postgres, client, forge, database, 2, onDatabase);
                    default -> throw new IllegalArgumentException("bench.setups: files, db or db2, not " + setup);
                };
                results.add(result);
                bestOnDatabase = setup.strip().startsWith("db") ? Math.max(bestOnDatabase, result.run().throughput()) : bestOnDatabase;
            }
            System.out.println();
            System.out.println("| set-up | actions | actions/s | p50 ms | p99 ms | non-2xx | server CPU ms/action"
                    + " | PostgreSQL CPU ms/action | clients' CPU ms/action | PostgreSQL commits/action"
                    + " | PostgreSQL statement time ms/action |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Result result : results) {
                Run run = result.run();
                System.out.printf("| %s | %d | %.0f | %.2f | %.2f | %d | %.3f | %.3f | %.3f | %.2f | %.2f |%n", run.name(),
                        run.latenciesNanos().length, run.throughput(), run.percentileMillis(50), run.percentileMillis(99),
                        run.failures(), result.serverCpuMillisPerAction(), result.databaseCpuMillisPerAction(),
                        result.clientCpuMillisPerAction(), result.commitsPerAction(), result.databaseMillisPerAction());
            }
            System.out.println();
            System.out.printf("clients: %d; load average at the start: %s; at the end: %s; cores: %d%n", HttpLoadBenchmark.CLIENTS,
                    loadAtStart, Files.readString(Path.of("/proc/loadavg")).strip(), Runtime.getRuntime().availableProcessors());
            System.out.printf("target >= 1500 actions/s on PostgreSQL: %s%n", bestOnDatabase >= 1500 ? "met" : "NOT met");
        }
    }

    private static Result measure(String name, HttpClient client, StandInForge forge, PostgresServer database, int servers,
            Map<String, String> store) throws Exception {
        Path historyDir = Files.createTempDirectory("chat-actions-bench-history");
        List<URI> bases = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            bases.add(URI.create("http://127.0.0.1:" + HttpLoadBenchmark.freePort()));
        }
        List<Process> processes = new ArrayList<>();
        try {
            for (URI base : bases) {
                // Behind one balancer every server has the same public URL: the first one's stands for it.
                Map<String, String> env = new HashMap<>(store);
                env.put("CHAT_PUBLIC_URL", bases.get(0).toString());
                processes.add(HttpLoadBenchmark.launchServer(JAR, new HttpLoadBenchmark.Config(name, SERVER_OPTIONS, env), forge.url(),
                        base.getPort(), historyDir));
            }
            long launched = System.nanoTime();
            for (int i = 0; i < bases.size(); i++) {
                HttpLoadBenchmark.awaitHealthy(processes.get(i), bases.get(i), launched);
            }
            SignedIn session = SignInByHand.viaForge(client, bases.get(0));
            String keyPrefix = "bench-" + servers + "-" + (store.isEmpty() ? "files" : "db") + "-";
            HttpLoadBenchmark.Target actions = HttpLoadBenchmark.actions(bases, bases.get(0), session, keyPrefix);
            HttpLoadBenchmark.run("warm-up: " + name, actions, HttpLoadBenchmark.CLIENTS, HttpLoadBenchmark.WARMUP_PER_CLIENT, null);
            Counters before = counters(database);
            long cpuBefore = cpuMillis(processes);
            long databaseCpuBefore = databaseCpuMillis(database);
            long clientCpuBefore = HttpLoadBenchmark.cpuMillis(ProcessHandle.current().pid());
            Run run = HttpLoadBenchmark.run(name, actions, HttpLoadBenchmark.CLIENTS, HttpLoadBenchmark.REQUESTS_PER_CLIENT, null);
            double actionCount = run.latenciesNanos().length;
            double cpu = (cpuMillis(processes) - cpuBefore) / actionCount;
            double databaseCpu = (databaseCpuMillis(database) - databaseCpuBefore) / actionCount;
            double clientCpu = (HttpLoadBenchmark.cpuMillis(ProcessHandle.current().pid()) - clientCpuBefore) / actionCount;
            Counters after = counters(database);
            return new Result(run, cpu, databaseCpu, clientCpu, (after.commits() - before.commits()) / actionCount,
                    (after.activeMillis() - before.activeMillis()) / actionCount);
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor();
            }
        }
    }

    private static long cpuMillis(List<Process> processes) throws Exception {
        long total = 0;
        for (Process process : processes) {
            total += HttpLoadBenchmark.cpuMillis(process.pid());
        }
        return total;
    }

    /** CPU time of PostgreSQL's server process and its children (the sessions, the writer, the WAL writer...). */
    private static long databaseCpuMillis(PostgresServer database) {
        ProcessHandle server = ProcessHandle.of(database.pid()).orElseThrow();
        long total = 0;
        for (ProcessHandle process : Stream.concat(Stream.of(server), server.descendants()).toList()) {
            try {
                total += HttpLoadBenchmark.cpuMillis(process.pid());
            } catch (IOException e) {
                // a session that ended meanwhile
            }
        }
        return total;
    }

    /** The database's counters so far, once its statistics have caught up (they are flushed about every second). */
    private static Counters counters(PostgresServer database) throws SQLException, InterruptedException {
        Thread.sleep(1500);
        try (Connection connection = DriverManager.getConnection(database.url(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT xact_commit, active_time FROM pg_stat_database WHERE datname = current_database()")) {
            row.next();
            return new Counters(row.getLong(1), row.getDouble(2));
        }
    }
}
