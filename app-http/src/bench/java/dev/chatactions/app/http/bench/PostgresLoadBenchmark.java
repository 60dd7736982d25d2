package dev.chatactions.app.http.bench;

import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.app.http.SignInByHand;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import dev.chatactions.app.http.bench.HttpLoadBenchmark.Run;
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

    private PostgresLoadBenchmark() {}

    /** One set-up's measured run: the load's figures and what it cost the servers and the database. */
    private record Result(Run run, double serverCpuMillisPerAction, double commitsPerAction, double databaseMillisPerAction) {}

    /** The database's counters: committed transactions, and milliseconds its sessions spent running statements. */
    private record Counters(long commits, double activeMillis) {}

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        try (StandInForge forge = new StandInForge(); PostgresServer database = PostgresServer.startNew()) {
            Map<String, String> onDatabase = Map.of("CHAT_DATABASE_URL", database.url(),
                    "CHAT_DATABASE_USER", PostgresServer.USER, "CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD);
            List<Result> results = new ArrayList<>();
            results.add(measure("1 server, NDJSON files", client, forge, database, 1, Map.of()));
            results.add(measure("1 server, PostgreSQL", client, forge, database, 1, onDatabase));
            results.add(measure("2 servers, PostgreSQL", client, forge, database, 2, onDatabase));
            System.out.println();
            System.out.println("| set-up | actions | actions/s | p50 ms | p99 ms | non-2xx | server CPU ms/action"
                    + " | PostgreSQL commits/action | PostgreSQL statement time ms/action |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (Result result : results) {
                Run run = result.run();
                System.out.printf("| %s | %d | %.0f | %.2f | %.2f | %d | %.3f | %.2f | %.2f |%n", run.name(),
                        run.latenciesNanos().length, run.throughput(), run.percentileMillis(50), run.percentileMillis(99),
                        run.failures(), result.serverCpuMillisPerAction(), result.commitsPerAction(),
                        result.databaseMillisPerAction());
            }
            System.out.println();
            System.out.printf("clients: %d; load average at the end: %s; cores: %d%n", HttpLoadBenchmark.CLIENTS,
                    Files.readString(Path.of("/proc/loadavg")).strip(), Runtime.getRuntime().availableProcessors());
            double bestOnDatabase = Math.max(results.get(1).run().throughput(), results.get(2).run().throughput());
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
                processes.add(HttpLoadBenchmark.launchServer(JAR, new HttpLoadBenchmark.Config(name, List.of(), env), forge.url(),
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
            long cpuBefore = cpuMillis(processes);
            Counters before = counters(database);
            Run run = HttpLoadBenchmark.run(name, actions, HttpLoadBenchmark.CLIENTS, HttpLoadBenchmark.REQUESTS_PER_CLIENT, null);
            double actionCount = run.latenciesNanos().length;
            double cpu = (cpuMillis(processes) - cpuBefore) / actionCount;
            Counters after = counters(database);
            return new Result(run, cpu, (after.commits() - before.commits()) / actionCount,
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
