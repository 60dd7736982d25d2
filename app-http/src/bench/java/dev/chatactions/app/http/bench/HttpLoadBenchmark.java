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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load benchmark of the action server (not part of the default build; see BENCHMARKS.md):
 * 64 concurrent clients post issue-create actions to the server, which runs in its own JVM
 * ({@code java -jar} of the packaged jar) with the real Forgejo adapter pointed at a stand-in that
 * answers at once and a durable NDJSON history; the same clients then call the stand-in directly.
 * Each client is one kept-alive HTTP/1.1 connection ({@link KeepAliveClient}). Each JVM
 * configuration ({@code bench.configs}) runs {@code bench.runs} times, interleaved with the others;
 * per run it prints throughput, p50/p99, launch to the first 200 on /health (also over a history of
 * {@code bench.restore.actions} clicks), the server's RSS idle and under load; then the medians and
 * ranges per configuration and, with {@code bench.nmt}, a Native Memory Tracking summary of each.
 *
 * <p>Run: {@code app-http/bench.sh} (that is {@code ./mvnw -B -q -pl app-http -am -Pbench,aot -DskipTests verify}).
 */
public final class HttpLoadBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    static final int WARMUP_PER_CLIENT = Integer.getInteger("bench.warmup", 150);
    static final int REQUESTS_PER_CLIENT = Integer.getInteger("bench.requests", 300);
    private static final int SINGLE_CLIENT_REQUESTS = Integer.getInteger("bench.single", 2000);
    /** Measured rounds; each launches every configuration once, interleaved. */
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** Clicks in the history the restart is timed on: two action lines each. */
    private static final int RESTORE_ACTIONS = Integer.getInteger("bench.restore.actions", 5000);
    private static final boolean NATIVE_MEMORY = Boolean.parseBoolean(System.getProperty("bench.nmt", "true"));
    /** How long the server idles after its first 200 before its RSS counts as "idle after start-up". */
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
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

    /** A way to start the server: a name, its JVM options and environment variables of its own. */
    record Config(String name, List<String> jvmOptions, Map<String, String> env) {

        private static final Pattern VARIABLE = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");

        /** The server's settings that no configuration changes. */
        static final Config PLAIN = new Config("plain", List.of(), Map.of());

        String describe() {
            StringBuilder text = new StringBuilder();
            env.forEach((name, value) -> text.append(name).append('=').append(value).append(' '));
            return text.append(String.join(" ", jvmOptions)).toString().strip();
        }

        /** With Native Memory Tracking. */
        Config tracked() {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-XX:NativeMemoryTracking=summary");
            return new Config(name, options, env);
        }

        /**
         * {@code name=options|name=options}; options are split on spaces ({@code @file}: java reads options from a
         * file), and those of the form {@code NAME=value} are environment variables instead (e.g. MALLOC_ARENA_MAX=2).
         */
        static List<Config> parse(String spec) {
            List<Config> configs = new ArrayList<>();
            for (String entry : spec.split("\\|")) {
                int equals = entry.indexOf('=');
                String options = entry.substring(equals + 1).strip();
                List<String> jvmOptions = new ArrayList<>();
                Map<String, String> env = new LinkedHashMap<>();
                for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
                    Matcher variable = VARIABLE.matcher(option);
                    if (variable.matches()) {
                        env.put(variable.group(1), variable.group(2));
                    } else {
                        jvmOptions.add(option);
                    }
                }
                configs.add(new Config(entry.substring(0, equals).strip(), jvmOptions, env));
            }
            return configs;
        }
    }

    /** The figures of one run of one configuration. */
    private record Measured(double startupMillis, double startupWithHistoryMillis, long idleRssKiB, long peakRssKiB,
            double throughput, double p99Millis, String loadAverage, String nativeMemory) {}

    public static void main(String[] args) throws Exception {
        List<Config> configs = Config.parse(System.getProperty("bench.configs", "default="));
        Path jar = Path.of(System.getProperty("bench.jar", "target/chat-actions-http.jar"));
        Map<Config, List<Measured>> results = new LinkedHashMap<>();
        try (StandInForge forge = new StandInForge()) {
            Path restoreHistory = historyOfActions(forge, jar, RESTORE_ACTIONS, Config.PLAIN);
            // Interleaved, so that the shared machine's noise falls on every configuration alike.
            for (int round = 1; round <= RUNS; round++) {
                for (Config config : configs) {
                    System.out.printf("%n== %s, run %d of %d: %s%n", config.name(), round, RUNS, config.describe());
                    results.computeIfAbsent(config, c -> new ArrayList<>()).add(measure(forge, jar, config, restoreHistory, false));
                }
            }
            Map<Config, String> nativeMemory = new LinkedHashMap<>();
            if (NATIVE_MEMORY) {
                // A round of its own: tracking costs memory, so its RSS is not among the figures above.
                for (Config config : configs) {
                    System.out.printf("%n== %s, Native Memory Tracking run%n", config.name());
                    nativeMemory.put(config, measure(forge, jar, config, restoreHistory, true).nativeMemory());
                }
            }
            summarize(results, nativeMemory, actionLines(restoreHistory));
        }
    }

    /** One launch under load, then one launch on a history of {@code restoreHistory}'s lines; {@code tracked}: with NMT. */
    private static Measured measure(StandInForge forge, Path jar, Config config, Path restoreHistory, boolean tracked)
            throws Exception {
        Path historyDir = Files.createTempDirectory("chat-actions-bench-history");
        int port = freePort();
        URI server = URI.create("http://127.0.0.1:" + port);
        long launched = System.nanoTime();
        Process process = launchServer(jar, tracked ? config.tracked() : config, forge.url(), port, historyDir);
        try {
            double startupMillis = awaitHealthy(process, server, launched);
            Thread.sleep(IDLE_SETTLE.toMillis());
            long idleRss = rssKiB(process.pid());
            SignedIn session = SignInByHand.viaForge(CLIENT, server);
            Target viaServer = actions(List.of(server), server, session, "bench-");
            Map<String, String> directHeaders = Map.of(
                    "Authorization", "token bench-forge-token", "Content-Type", "application/json");
            Target direct = new Target(List.of(forge.url()), "/api/v1/repos/factory/app/issues", 201, () -> directHeaders);

            long[] peakRss = {0};
            Runnable sampleRss = () -> peakRss[0] = Math.max(peakRss[0], rssKiB(process.pid()));
            run("warm-up server", viaServer, CLIENTS, WARMUP_PER_CLIENT, sampleRss);
            run("warm-up direct", direct, CLIENTS, WARMUP_PER_CLIENT, null);
            long cpuBefore = cpuMillis(process.pid());
            Run throughServer = run("through the server", viaServer, CLIENTS, REQUESTS_PER_CLIENT, sampleRss);
            double serverCpuPerAction = (cpuMillis(process.pid()) - cpuBefore) / (double) throughServer.latenciesNanos().length;
            String nativeMemory = tracked ? nativeMemorySummary(process.pid()) : "";
            Run straight = run("direct to the stand-in", direct, CLIENTS, REQUESTS_PER_CLIENT, null);
            // One client: the cost the server adds to a single click, without queueing behind 63 others.
            Run oneThroughServer = run("1 client, server", viaServer, 1, SINGLE_CLIENT_REQUESTS, null);
            Run oneDirect = run("1 client, direct", direct, 1, SINGLE_CLIENT_REQUESTS, null);
            String loadAverage = loadAverage();
            report(startupMillis, idleRss, peakRss[0], serverCpuPerAction,
                    List.of(throughServer, straight, oneThroughServer, oneDirect), historyDir, loadAverage);
            stop(process);
            double withHistory = startupOn(jar, config, forge, restoreHistory);
            System.out.printf("start-up to first 200 on /health with a history of %d action lines: %.0f ms%n",
                    actionLines(restoreHistory), withHistory);
            return new Measured(startupMillis, withHistory, idleRss, peakRss[0], throughServer.throughput(),
                    throughServer.percentileMillis(99), loadAverage, nativeMemory);
        } finally {
            stop(process);
        }
    }

    /** Launch to the first 200 on /health of a server over {@code historyDir}, then stops it. */
    private static double startupOn(Path jar, Config config, StandInForge forge, Path historyDir) throws Exception {
        int port = freePort();
        long launched = System.nanoTime();
        Process process = launchServer(jar, config, forge.url(), port, historyDir);
        try {
            return awaitHealthy(process, URI.create("http://127.0.0.1:" + port), launched);
        } finally {
            stop(process);
        }
    }

    /**
     * A history directory holding {@code actions} clicks (a started and an outcome line each), written
     * by a server launched with {@code config}.
     */
    static Path historyOfActions(StandInForge forge, Path jar, int actions, Config config) throws Exception {
        Path historyDir = Files.createTempDirectory("chat-actions-bench-restore");
        int port = freePort();
        URI server = URI.create("http://127.0.0.1:" + port);
        Process process = launchServer(jar, config, forge.url(), port, historyDir);
        try {
            awaitHealthy(process, server, System.nanoTime());
            SignedIn session = SignInByHand.viaForge(CLIENT, server);
            Target viaServer = actions(List.of(server), server, session, "restore-");
            run("history for the restore", viaServer, CLIENTS, actions / CLIENTS, null);
        } finally {
            stop(process);
        }
        return historyDir;
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    static Process launchServer(Path jar, Config config, URI forge, int port, Path historyDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(config.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
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
        env.put("CHAT_MODEL", "demo");
        env.putAll(config.env());
        builder.redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.appendTo(historyDir.resolveSibling(historyDir.getFileName() + ".log").toFile()));
        return builder.start();
    }

    static double awaitHealthy(Process process, URI server, long launched) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(server.resolve("/health")).timeout(Duration.ofSeconds(1)).build();
        long deadline = launched + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - launched) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the server did not answer /health within 60 s (or stopped): see its log beside the history");
    }

    /** Where a run posts the issue: base URL, path, the headers of each request, the status that means success. */
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

    private static void report(double startupMillis, long idleRssKiB, long rssKiB, double cpuMillisPerAction, List<Run> runs,
            Path historyDir, String loadAverage) throws IOException {
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
        System.out.printf("clients: %d; start-up to first 200 on /health: %.0f ms; server RSS idle after start-up: %d MiB,"
                + " under load (peak VmRSS): %d MiB%n", CLIENTS, startupMillis, idleRssKiB / 1024, rssKiB / 1024);
        System.out.printf("history lines written (durable NDJSON): %d; server CPU per action: %.3f ms (user+system)%n",
                historyLines, cpuMillisPerAction);
        System.out.printf("load average while running: %s%n", loadAverage);
        System.out.printf("p99 overhead over direct, %d clients: %.2f ms; 1 client: %.2f ms (target < 5 ms)%n",
                CLIENTS, overheadP99, singleOverheadP99);
        System.out.printf("throughput target >= 2000 actions/s: %s%n", server.throughput() >= 2000 ? "met" : "NOT met");
    }

    /** Median, then range, of each figure per configuration; throughput also as a ratio to the first configuration's. */
    private static void summarize(Map<Config, List<Measured>> results, Map<Config, String> nativeMemory, long restoreLines) {
        List<Measured> baseline = results.values().iterator().next();
        System.out.printf("%n## Footprint and start-up: median [min–max] of %d runs each, interleaved%n%n", RUNS);
        System.out.printf("| configuration | launch → 200 ms | same, %d action lines ms | idle RSS MiB | peak RSS under load MiB |"
                + " actions/s | p99 ms | throughput ÷ first | load average per run |%n", restoreLines);
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        results.forEach((config, runs) -> {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                ratios.add(runs.get(i).throughput() / baseline.get(i).throughput());
            }
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", config.name(),
                    spread(runs.stream().map(Measured::startupMillis).toList(), 1),
                    spread(runs.stream().map(Measured::startupWithHistoryMillis).toList(), 1),
                    spread(runs.stream().map(m -> m.idleRssKiB() / 1024.0).toList(), 1),
                    spread(runs.stream().map(m -> m.peakRssKiB() / 1024.0).toList(), 1),
                    spread(runs.stream().map(Measured::throughput).toList(), 1),
                    spread(runs.stream().map(Measured::p99Millis).toList(), 100),
                    spread(ratios, 100),
                    runs.stream().map(m -> m.loadAverage().split(" ")[0]).collect(Collectors.joining(", ")));
        });
        results.keySet().forEach(config -> System.out.printf("- %s: `%s`%n", config.name(), config.describe()));
        nativeMemory.forEach((config, summary) ->
                System.out.printf("%nNative Memory Tracking, %s, committed, at the end of the 64-client load:%n%s", config.name(), summary));
    }

    /** {@code median [min–max]}, rounded to 1/{@code scale}. */
    private static String spread(List<Double> values, int scale) {
        List<Double> sorted = values.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        DoubleFunction<String> round = v -> scale == 1 ? String.format("%.0f", v) : String.format("%.2f", v);
        return round.apply(median) + " [" + round.apply(sorted.get(0)) + "–" + round.apply(sorted.get(sorted.size() - 1)) + "]";
    }

    /**
     * The committed memory of each NMT category of 1 MiB or more ({@code jcmd PID VM.native_memory summary}), as a
     * table; "Other" always, as it holds the direct buffers.
     */
    private static String nativeMemorySummary(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "VM.native_memory", "summary", "scale=KB").redirectErrorStream(true).start();
        List<String> lines;
        try (var reader = jcmd.inputReader()) {
            lines = reader.lines().map(String::strip).toList();
        }
        jcmd.waitFor();
        StringBuilder table = new StringBuilder("| category | committed MiB | reserved MiB |\n|---|---:|---:|\n");
        for (String line : lines) {
            Matcher total = NMT_TOTAL.matcher(line);
            Matcher category = NMT_CATEGORY.matcher(line);
            if (total.find()) {
                table.append(String.format("| total | %.1f | %.1f |%n", kibToMib(total.group(2)), kibToMib(total.group(1))));
            } else if (category.find() && (Long.parseLong(category.group(3)) >= 1024 || category.group(1).equals("Other"))) {
                table.append(String.format("| %s | %.1f | %.1f |%n", category.group(1), kibToMib(category.group(3)),
                        kibToMib(category.group(2))));
            }
        }
        return table.toString();
    }

    private static double kibToMib(String kib) {
        return Long.parseLong(kib) / 1024.0;
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static long actionLines(Path historyDir) throws IOException {
        try (var files = Files.walk(historyDir)) {
            return files.filter(p -> p.toString().endsWith(".ndjson")).mapToLong(p -> {
                try (var lines = Files.lines(p)) {
                    return lines.filter(line -> line.contains("\"role\":\"action\"")).count();
                } catch (IOException e) {
                    return -1;
                }
            }).sum();
        }
    }

    /** User plus system CPU time of process {@code pid} so far, from /proc/PID/stat (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long rssKiB(long pid) {
        return statusKiB(pid, "VmRSS:");
    }

    /** A field of /proc/PID/status in KiB ({@code VmRSS:}, {@code VmHWM:}: the peak RSS), 0 when unreadable. */
    static long statusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
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
