package dev.chatactions.app.http.bench;

import dev.chatactions.app.http.SignInByHand;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Load benchmark of the action server (not part of the default build; see BENCHMARKS.md):
 * 64 concurrent clients post issue-create actions to the server, which runs in its own JVM with
 * the real Forgejo adapter pointed at a stand-in that answers at once and a durable NDJSON
 * history; the same clients then call the stand-in directly. Each client is one kept-alive
 * HTTP/1.1 connection ({@link KeepAliveClient}). Prints throughput, p50/p99, the
 * start-up time to the first 200 on /health and the server's RSS under load.
 *
 * <p>Run: {@code app-http/bench.sh} (that is {@code ./mvnw -B -q -pl app-http -am -Pbench -DskipTests verify}).
 */
public final class HttpLoadBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    static final int WARMUP_PER_CLIENT = Integer.getInteger("bench.warmup", 150);
    static final int REQUESTS_PER_CLIENT = Integer.getInteger("bench.requests", 300);
    private static final int SINGLE_CLIENT_REQUESTS = Integer.getInteger("bench.single", 2000);
    private static final String ISSUE = "{\"title\":\"Benchmark issue\",\"body\":\"created by the load benchmark\"}";

    private HttpLoadBenchmark() {}

    /** Latencies of one run and its wall time. */
    record Run(String name, long[] latenciesNanos, long wallNanos, long failures) {
        double throughput() {
            return latenciesNanos.length / (wallNanos / 1e9);
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Path historyDir = Files.createTempDirectory("chat-actions-bench-history");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        try (StandInForge forge = new StandInForge()) {
            int port = freePort();
            URI server = URI.create("http://127.0.0.1:" + port);
            long launched = System.nanoTime();
            Process process = launchServer(forge.url(), port, historyDir, Map.of());
            try {
                double startupMillis = awaitHealthy(client, server, launched);
                SignedIn session = SignInByHand.viaForge(client, server);
                Target viaServer = actions(List.of(server), server, session, "bench-");
                Map<String, String> directHeaders = Map.of(
                        "Authorization", "token bench-forge-token", "Content-Type", "application/json");
                Target direct = new Target(List.of(forge.url()), "/api/v1/repos/factory/app/issues", 201, () -> directHeaders);

                run("warm-up server", viaServer, CLIENTS, WARMUP_PER_CLIENT, null);
                run("warm-up direct", direct, CLIENTS, WARMUP_PER_CLIENT, null);
                long[] peakRss = {0};
                long cpuBefore = cpuMillis(process.pid());
                Run throughServer = run("through the server", viaServer, CLIENTS, REQUESTS_PER_CLIENT,
                        () -> peakRss[0] = Math.max(peakRss[0], rssKiB(process.pid())));
                double serverCpuPerAction = (cpuMillis(process.pid()) - cpuBefore) / (double) throughServer.latenciesNanos().length;
                Run straight = run("direct to the stand-in", direct, CLIENTS, REQUESTS_PER_CLIENT, null);
                // One client: the cost the server adds to a single click, without queueing behind 63 others.
                Run oneThroughServer = run("1 client, server", viaServer, 1, SINGLE_CLIENT_REQUESTS, null);
                Run oneDirect = run("1 client, direct", direct, 1, SINGLE_CLIENT_REQUESTS, null);
                report(startupMillis, peakRss[0], serverCpuPerAction, List.of(throughServer, straight, oneThroughServer, oneDirect),
                        historyDir);
            } finally {
                process.destroy();
                process.waitFor();
            }
        }
    }

    /**
     * The server in a JVM of its own, on the stand-in forge, writing its history to {@code historyDir} unless
     * {@code extraEnv} (e.g. {@code CHAT_DATABASE_URL}) says otherwise.
     */
    static Process launchServer(URI forge, int port, Path historyDir, Map<String, String> extraEnv) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.chatactions.app.http.Main");
        Map<String, String> env = builder.environment();
        env.put("FORGE_URL", forge.toString());
        env.put("FORGE_TOKEN", "bench-forge-token");
        env.put("FORGE_OWNER", "factory");
        env.put("FORGE_REPO", "app");
        env.put("CHAT_OAUTH_CLIENT_ID", "bench-client");
        env.put("CHAT_OAUTH_CLIENT_SECRET", "bench-client-secret");
        env.put("DISINTO_CHAT_ALLOWED_USERS", "bench");
        env.put("CHAT_HOST", "127.0.0.1");
        env.put("CHAT_PORT", Integer.toString(port));
        env.put("CHAT_HISTORY_DIR", historyDir.toString());
        env.put("CHAT_ACTIONS_PER_MINUTE", "100000000");
        // The load is actions, not chat turns: no claude CLI needed.
        env.put("CHAT_MODEL", "demo");
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(historyDir.resolveSibling(historyDir.getFileName() + ".log").toFile());
        return builder.start();
    }

    static double awaitHealthy(HttpClient client, URI server, long launched) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(server.resolve("/health")).timeout(Duration.ofSeconds(1)).build();
        long deadline = launched + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the server did not answer /health within 60 s");
    }

    /**
     * Where a run posts the issue: the servers (taken in turn, request by request), path, the headers of each
     * request, the status that means success.
     */
    record Target(List<URI> bases, String path, int expectedStatus, Supplier<Map<String, String>> headers) {}

    /** Issue-create actions of {@code session} on {@code servers}, whose public URL is {@code origin}, one new key each. */
    static Target actions(List<URI> servers, URI origin, SignedIn session, String keyPrefix) {
        AtomicLong keys = new AtomicLong();
        return new Target(servers, "/chat/action/issue-create", 200, () -> Map.of(
                "Cookie", session.cookie(),
                "X-CSRF-Token", session.csrfToken(),
                "Origin", origin.toString(),
                "Content-Type", "application/json",
                "Idempotency-Key", keyPrefix + keys.incrementAndGet()));
    }

    static Run run(String name, Target target, int clientCount, int perClient, Runnable sampler) throws Exception {
        byte[] body = ISSUE.getBytes(StandardCharsets.UTF_8);
        long[] latencies = new long[clientCount * perClient];
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(clientCount)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                int offset = c * perClient;
                done.add(clients.submit(() -> {
                    List<KeepAliveClient> connections = new ArrayList<>();
                    try {
                        for (URI base : target.bases()) {
                            connections.add(new KeepAliveClient(base));
                        }
                        for (int i = 0; i < perClient; i++) {
                            Map<String, String> headers = target.headers().get();
                            KeepAliveClient connection = connections.get((offset + i) % connections.size());
                            long sent = System.nanoTime();
                            int status = connection.post(target.path(), headers, body);
                            latencies[offset + i] = System.nanoTime() - sent;
                            if (status != target.expectedStatus()) {
                                failures.incrementAndGet();
                            }
                            if (sampler != null && i % 50 == 0) {
                                sampler.run();
                            }
                        }
                    } finally {
                        for (KeepAliveClient connection : connections) {
                            connection.close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Run run = new Run(name, latencies, System.nanoTime() - start, failures.get());
        System.out.printf("%-24s %8d requests %9.0f/s  p50 %6.2f ms  p99 %6.2f ms  failures %d%n", name,
                latencies.length, run.throughput(), run.percentileMillis(50), run.percentileMillis(99), failures.get());
        return run;
    }

    private static void report(double startupMillis, long rssKiB, double cpuMillisPerAction, List<Run> runs, Path historyDir)
            throws IOException {
        long historyLines;
        try (var files = Files.walk(historyDir)) {
            historyLines = files.filter(p -> p.toString().endsWith(".ndjson")).mapToLong(p -> {
                try (var lines = Files.lines(p)) {
                    return lines.count();
                } catch (IOException e) {
                    return -1;
                }
            }).sum();
        }
        Run server = runs.get(0);
        double overheadP99 = server.percentileMillis(99) - runs.get(1).percentileMillis(99);
        double singleOverheadP99 = runs.get(2).percentileMillis(99) - runs.get(3).percentileMillis(99);
        System.out.println();
        System.out.println("| run | requests | actions/s | p50 ms | p99 ms | non-2xx |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Run run : runs) {
            System.out.printf("| %s | %d | %.0f | %.2f | %.2f | %d |%n", run.name(), run.latenciesNanos().length,
                    run.throughput(), run.percentileMillis(50), run.percentileMillis(99), run.failures());
        }
        System.out.println();
        System.out.printf("clients: %d; start-up to first 200 on /health: %.0f ms; server RSS under load (peak VmRSS): %d MiB%n",
                CLIENTS, startupMillis, rssKiB / 1024);
        System.out.printf("history lines written (durable NDJSON): %d; server CPU per action: %.3f ms (user+system)%n",
                historyLines, cpuMillisPerAction);
        System.out.printf("load average while running: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("p99 overhead over direct, %d clients: %.2f ms; 1 client: %.2f ms (target < 5 ms)%n",
                CLIENTS, overheadP99, singleOverheadP99);
        System.out.printf("throughput target >= 2000 actions/s: %s%n", server.throughput() >= 2000 ? "met" : "NOT met");
    }

    /** User plus system CPU time of process {@code pid} so far, from /proc/PID/stat (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
