package dev.chatactions.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.app.http.Sessions.Session;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.conversation.ConverseUseCase;
import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Streaming benchmark of the turn (not part of the default build; see BENCHMARKS.md): a stand-in
 * model sends 500 deltas per turn as fast as it can, each stamped with {@link System#nanoTime()};
 * ({@code -Dbench.pace.micros=N} pauses between deltas instead);
 * N clients each run turns in their own conversation and read the turn's SSE stream over a socket.
 * Reports the latency per delta from the model's callback to the client's read (p50/p99) against
 * the same stand-in read directly, turns per second, errors, and RSS at N = 1, 16 and 64.
 * Server and clients share one JVM (so one clock); the RSS is theirs together.
 *
 * <p>Run: {@code app-http/bench-turns.sh}.
 */
public final class TurnStreamBenchmark {

    private static final int DELTAS = Integer.getInteger("bench.deltas", 500);
    private static final int TURNS_PER_CLIENT = Integer.getInteger("bench.turns", 6);
    /** 0: as fast as it can; else a pause between deltas, to see the added latency without a backlog. */
    private static final long PACE_MICROS = Long.getLong("bench.pace.micros", 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TurnStreamBenchmark() {}

    /** Per conversation: opened by its client once its event stream is connected, so no delta waits for a connection. */
    private static final Map<String, CountDownLatch> CONNECTED = new ConcurrentHashMap<>();

    /** The stand-in model: {@code DELTAS} pieces "s{nanoTime};" as fast as it can, once its client listens. */
    static final class StampingModel implements AssistantPort {
        @Override
        public TurnEnd converse(AssistantRequest request, Consumer<String> deltas, CancelSignal cancel) {
            CountDownLatch connected = CONNECTED.get(request.conversation());
            try {
                if (connected != null && !connected.await(30, TimeUnit.SECONDS)) {
                    return new TurnEnd.Failed("no client connected", false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new TurnEnd.Cancelled("interrupted");
            }
            for (int i = 0; i < DELTAS && !cancel.isCancelled(); i++) {
                if (PACE_MICROS > 0) {
                    LockSupport.parkNanos(PACE_MICROS * 1000);
                }
                deltas.accept("s" + System.nanoTime() + ";");
            }
            return new TurnEnd.Completed(request.modelSession().toString(), "end_turn", null, null);
        }
    }

    public static void main(String[] args) throws Exception {
        long[] direct = direct();
        System.out.printf("direct (stand-in read by a callback): %d deltas, p50 %.3f ms, p99 %.3f ms%n",
                direct.length, percentile(direct, 50), percentile(direct, 99));
        ConverseLimits limits = new ConverseLimits(16_000, 1_000_000, Duration.ofMinutes(5), 1000, 1000, Duration.ofSeconds(1));
        try (TestServer server = TestServer.withModelOnLoopback(new StampingModel(), limits)) {
            Session session = server.signIn("alice");
            run(server, session, 4, 2); // warm-up
            long[] core = viaCore(server, session);
            System.out.printf("through the core only (ConverseService, MarkerStream, events; no HTTP): p50 %.3f ms, p99 %.3f ms%n",
                    percentile(core, 50), percentile(core, 99));
            for (int clients : List.of(1, 16, 64)) {
                Result result = run(server, session, clients, TURNS_PER_CLIENT);
                System.out.printf("N=%-3d turns %4d  errors %d  stalls %d  turns/s %7.1f  delta latency p50 %.3f ms  p99 %.3f ms"
                        + "  (added vs direct p50 %.3f ms, p99 %.3f ms)  RSS %d MiB%n",
                        clients, result.turns(), result.errors(), result.stalls(), result.turns() / result.seconds(),
                        percentile(result.latencies(), 50), percentile(result.latencies(), 99),
                        percentile(result.latencies(), 50) - percentile(direct, 50),
                        percentile(result.latencies(), 99) - percentile(direct, 99), rssMiB());
            }
        }
        System.exit(0);
    }

    private static long[] direct() {
        List<Long> latencies = new ArrayList<>();
        for (int turn = 0; turn < 20; turn++) {
            new StampingModel().converse(new AssistantRequest("alice", "0123456789ab", "m", UUID.randomUUID(), false, "p"),
                    delta -> latencies.add(System.nanoTime() - stamp(delta)), new CancelSignal());
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** The same turns through ConverseService and TurnEvents' listener calls, without HTTP: where the core's share ends. */
    private static long[] viaCore(TestServer server, Session session) throws Exception {
        ConverseUseCase converse = server.wiring.converse.orElseThrow();
        List<Long> latencies = new ArrayList<>();
        for (int turn = 0; turn < 20; turn++) {
            String conversation = converse.open(session.user());
            CountDownLatch done = new CountDownLatch(1);
            converse.send(new ConverseUseCase.SendMessageCommand(session.user(), conversation, "go"), new ConverseUseCase.TurnListener() {
                @Override
                public void delta(String text) {
                    latencies.add(System.nanoTime() - stamp(text));
                }

                @Override
                public void marker(MarkerReview marker) {}

                @Override
                public void done(ConverseUseCase.TurnResult result) {
                    done.countDown();
                }
            });
            done.await();
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private record Result(int turns, long errors, long stalls, double seconds, long[] latencies) {}

    private static Result run(TestServer server, Session session, int clients, int turnsPerClient) throws Exception {
        AtomicLong errors = new AtomicLong();
        AtomicLong stalls = new AtomicLong();
        List<long[]> all = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> client(server, session, turnsPerClient, errors, stalls)));
            }
            for (Future<long[]> future : futures) {
                all.add(future.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(clients * turnsPerClient, errors.get(), stalls.get(), seconds, latencies);
    }

    private static long[] client(TestServer server, Session session, int turns, AtomicLong errors, AtomicLong stalls) throws Exception {
        HttpResponse<String> opened = server.send(server.post(session, "/chat/new", "").header("Accept", "application/json"));
        String conversation = JSON.readTree(opened.body()).path("id").asText();
        List<Long> latencies = new ArrayList<>(turns * DELTAS);
        for (int turn = 0; turn < turns; turn++) {
            CountDownLatch connected = new CountDownLatch(1);
            CONNECTED.put(conversation, connected);
            HttpResponse<String> accepted = server.send(server.post(session, "/chat/c/" + conversation + "/messages", "{\"message\":\"go\"}"));
            if (accepted.statusCode() != 202) {
                errors.incrementAndGet();
                continue;
            }
            String events = JSON.readTree(accepted.body()).path("events").asText();
            int received = read(server, session, events, latencies, connected);
            if (received != DELTAS) {
                stalls.incrementAndGet();
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** Reads one turn's stream over a socket; returns the deltas seen. */
    private static int read(TestServer server, Session session, String events, List<Long> latencies, CountDownLatch connected)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + events + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + Sessions.COOKIE + "=" + session.id()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int deltas = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(": connected")) {
                    connected.countDown();
                }
                int at = line.indexOf("\"text\":\"s");
                if (line.startsWith("data:") && at >= 0) {
                    long now = System.nanoTime();
                    latencies.add(now - stamp(line.substring(at + 8)));
                    deltas++;
                } else if (line.startsWith("event:") && line.contains("done")) {
                    break;
                }
            }
            return deltas;
        }
    }

    private static long stamp(String text) {
        return Long.parseLong(text.substring(1, text.indexOf(';')));
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
