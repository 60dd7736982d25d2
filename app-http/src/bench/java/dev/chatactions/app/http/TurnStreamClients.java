package dev.chatactions.app.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients of {@link TurnStreamBenchmark}, in a JVM of their own (as browsers are not in the
 * server's): N clients on platform threads each open a conversation and run turns, reading each
 * turn's event stream over a plain socket. {@link System#nanoTime()} is the machine's monotonic
 * clock on Linux, shared by both JVMs, so a delta's stamp and its read time compare.
 *
 * <p>Arguments: port, clients, turns per client, deltas per turn; the session's cookie value, CSRF
 * token and Origin come on stdin (one per line), not on the command line. Prints one latency in
 * nanoseconds per line, then {@code end TURNS ERRORS STALLS NANOS}; a warm-up of 4 clients with 2 turns
 * each comes first and is not counted.
 */
public final class TurnStreamClients {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENTS = Pattern.compile("\"events\"\\s*:\\s*\"([^\"]+)\"");

    private final int port;
    private final int deltas;
    private final String cookie;
    private final String csrf;
    private final String origin;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();

    private TurnStreamClients(int port, int deltas, String cookie, String csrf, String origin) {
        this.port = port;
        this.deltas = deltas;
        this.cookie = cookie;
        this.csrf = csrf;
        this.origin = origin;
    }

    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        TurnStreamClients clients = new TurnStreamClients(Integer.parseInt(args[0]), Integer.parseInt(args[3]),
                stdin.readLine(), stdin.readLine(), stdin.readLine());
        int count = Integer.parseInt(args[1]);
        int turns = Integer.parseInt(args[2]);
        // A fresh JVM compiles its reading code while it reads: warm it up first, then measure.
        clients.run(4, 2);
        clients.errors.set(0);
        clients.stalls.set(0);
        long start = System.nanoTime();
        List<long[]> all = clients.run(count, turns);
        long nanos = System.nanoTime() - start;
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        for (long[] latencies : all) {
            for (long latency : latencies) {
                out.println(latency);
            }
        }
        out.println("end " + count * turns + " " + clients.errors.get() + " " + clients.stalls.get() + " " + nanos);
        out.flush();
    }

    private List<long[]> run(int count, int turns) throws Exception {
        List<long[]> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("client-", 0).factory())) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                futures.add(pool.submit(() -> client(turns)));
            }
            for (Future<long[]> future : futures) {
                all.add(future.get());
            }
        }
        return all;
    }

    private long[] client(int turns) throws Exception {
        Matcher opened = ID.matcher(post("/chat/new", "").body());
        if (!opened.find()) {
            errors.addAndGet(turns);
            return new long[0];
        }
        String conversation = opened.group(1);
        List<Long> latencies = new ArrayList<>(turns * deltas);
        for (int turn = 0; turn < turns; turn++) {
            HttpResponse<String> accepted = post("/chat/c/" + conversation + "/messages", "{\"message\":\"go\"}");
            Matcher events = EVENTS.matcher(accepted.body());
            if (accepted.statusCode() != 202 || !events.find()) {
                errors.incrementAndGet();
                continue;
            }
            if (read(events.group(1), latencies) != deltas) {
                stalls.incrementAndGet();
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", Sessions.COOKIE + "=" + cookie)
                .header("X-CSRF-Token", csrf)
                .header("Origin", origin)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads one turn's stream; returns the deltas seen. Only deltas stamped after the stream was
     * connected count for latency: one made earlier waited for the connection, not for the server.
     */
    private int read(String events, List<Long> latencies) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + events + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + Sessions.COOKIE + "=" + cookie
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            long connected = Long.MAX_VALUE;
            int seen = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(": connected")) {
                    connected = System.nanoTime();
                }
                int at = line.indexOf("\"text\":\"s");
                if (line.startsWith("data:") && at >= 0) {
                    long now = System.nanoTime();
                    long stamp = TurnStreamBenchmark.stamp(line.substring(at + 8));
                    if (stamp >= connected) {
                        latencies.add(now - stamp);
                    }
                    seen++;
                } else if (line.startsWith("event:") && line.contains("done")) {
                    break;
                }
            }
            return seen;
        }
    }
}
