package dev.chatactions.app.http;

import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.conversation.ConverseUseCase;
import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.session.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Streaming benchmark of the turn (not part of the default build; see BENCHMARKS.md): a stand-in
 * model sends 500 deltas per turn as fast as it can, each stamped with {@link System#nanoTime()}
 * ({@code -Dbench.pace.micros=N} pauses between deltas instead), on a platform thread of its own as
 * the CLI adapter reads the model's stdout. The server runs in a JVM started with the shipped
 * {@code bin/jvm-options} ({@code -Dbench.server.jvm=OPTIONS} replaces them; empty: this JVM, the
 * JDK's defaults); the N clients run in a JVM of their own ({@link TurnStreamClients}), each running
 * turns in its own conversation and reading the turn's SSE stream over a socket, first blocked in
 * their own threads, then read by one spinning thread ({@code -Dbench.readers=polling} picks).
 * Reports the latency per delta from the model's callback to the client's read (p50/p99) against
 * the same stand-in read directly, turns per second, errors, stalls, the server's collections and
 * the bytes its JVM allocated per delta during the run (all of it: the stand-in, the turns' requests,
 * the streams), and the server's RSS at N = 1, 16 and 64 ({@code -Dbench.n=16} picks).
 *
 * <p>Run: {@code app-http/bench-turns.sh}.
 */
public final class TurnStreamBenchmark {

    private static final int DELTAS = Integer.getInteger("bench.deltas", 500);
    private static final int TURNS_PER_CLIENT = Integer.getInteger("bench.turns", 6);
    /** 0: as fast as it can; else a pause between deltas, to see the added latency without a backlog. */
    private static final long PACE_MICROS = Long.getLong("bench.pace.micros", 0);
    /** The stand-in waits this long before its first delta, so that its client is listening (earlier deltas are not counted). */
    private static final long START_DELAY_MILLIS = Long.getLong("bench.start.delay.millis", 20);
    /** The clients' JVM: a young generation large enough that their collector does not pause the readers while they measure. */
    private static final String CLIENT_JVM = System.getProperty("bench.client.jvm", "-XX:+UseSerialGC -Xms512m -Xmn384m");
    /** The server JVM's threads' allocations (virtual threads' count for their carriers), per delta of a run. */
    private static final com.sun.management.ThreadMXBean ALLOCATION = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The server's JVM options (blank: run in this JVM, as started). */
    private static final String SERVER_JVM = System.getProperty("bench.server.jvm", "");
    /** How the clients read the streams, in this order: each blocked in its socket, or one thread polling them all. */
    private static final List<String> READERS = List.of(System.getProperty("bench.readers", "blocking,polling").split(","));

    private TurnStreamBenchmark() {}

    /** The stand-in model: {@code DELTAS} pieces "s{nanoTime};", as fast as it can or paced. */
    static final class StampingModel implements AssistantPort {
        @Override
        public TurnEnd converse(AssistantRequest request, Consumer<String> deltas, CancelSignal cancel) {
            // On a platform thread of its own, as the CLI adapter reads the model's stdout.
            Thread producer = Thread.ofPlatform().name("stand-in-stdout").start(() -> {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(START_DELAY_MILLIS));
                for (int i = 0; i < DELTAS && !cancel.isCancelled(); i++) {
                    if (PACE_MICROS > 0) {
                        LockSupport.parkNanos(PACE_MICROS * 1000);
                    }
                    deltas.accept("s" + System.nanoTime() + ";");
                }
            });
            try {
                producer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new TurnEnd.Cancelled("interrupted");
            }
            return new TurnEnd.Completed(request.modelSession().toString(), "end_turn", null, null);
        }
    }

    public static void main(String[] args) throws Exception {
        if (!SERVER_JVM.isBlank()) {
            System.exit(inServerJvm());
        }
        System.out.println("server JVM: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        long[] direct = direct();
        System.out.printf("direct (stand-in read by a callback): %d deltas, p50 %.3f ms, p99 %.3f ms%n",
                direct.length, percentile(direct, 50), percentile(direct, 99));
        ConverseLimits limits = new ConverseLimits(16_000, 1_000_000, Duration.ofMinutes(5), 1000, 1000, Duration.ofSeconds(1));
        try (TestServer server = TestServer.withModelOnLoopback(new StampingModel(), limits)) {
            Session session = server.signIn("alice");
            for (String reader : READERS) {
                run(server, session, 4, 2, reader); // warm-up
            }
            long[] core = viaCore(server, session);
            System.out.printf("through the core only (ConverseService, MarkerStream, events; no HTTP): p50 %.3f ms, p99 %.3f ms%n",
                    percentile(core, 50), percentile(core, 99));
            for (int clients : Arrays.stream(System.getProperty("bench.n", "1,16,64").split(","))
                    .map(String::trim).mapToInt(Integer::parseInt).toArray()) {
                for (String reader : READERS) {
                    Result result = run(server, session, clients, TURNS_PER_CLIENT, reader);
                    System.out.printf("N=%-3d %-8s turns %4d  errors %d  stalls %d  turns/s %7.1f  delta latency p50 %.3f ms  p99 %.3f ms"
                            + "  (added vs direct p50 %.3f ms, p99 %.3f ms)  server %s  server RSS %d MiB%n",
                            clients, reader, result.turns(), result.errors(), result.stalls(), result.turns() / result.seconds(),
                            percentile(result.latencies(), 50), percentile(result.latencies(), 99),
                            percentile(result.latencies(), 50) - percentile(direct, 50),
                            percentile(result.latencies(), 99) - percentile(direct, 99),
                            result.server().perDelta((long) result.turns() * DELTAS), rssMiB());
                }
            }
        }
        System.exit(0);
    }

    /** Runs this benchmark again in a JVM started with {@link #SERVER_JVM}, and answers its exit code. */
    private static int inServerJvm() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(SERVER_JVM.trim().split(" +")));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench."))
                .filter(name -> !name.equals("bench.server.jvm"))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TurnStreamBenchmark.class.getName()));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** What the server's JVM did so far: bytes allocated, and per collector its collections and their milliseconds. */
    private record ServerWork(long allocated, Map<String, long[]> collections) {

        static ServerWork now() {
            Map<String, long[]> collections = new TreeMap<>();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                collections.put(collector.getName(), new long[] {collector.getCollectionCount(), collector.getCollectionTime()});
            }
            return new ServerWork(ALLOCATION.getTotalThreadAllocatedBytes(), collections);
        }

        ServerWork since(ServerWork before) {
            Map<String, long[]> collections = new TreeMap<>();
            this.collections.forEach((name, now) -> {
                long[] then = before.collections.getOrDefault(name, new long[2]);
                collections.put(name, new long[] {now[0] - then[0], now[1] - then[1]});
            });
            return new ServerWork(allocated - before.allocated, collections);
        }

        String perDelta(long deltas) {
            StringBuilder text = new StringBuilder("allocated " + allocated / deltas + " B/delta, GC");
            collections.forEach((name, done) -> text.append(' ').append(name).append(' ').append(done[0]).append(" in ").append(done[1]).append(" ms"));
            return text.toString();
        }
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

    /** @param server what the server's JVM did while the clients ran their turns (their warm-up not counted) */
    private record Result(int turns, long errors, long stalls, double seconds, long[] latencies, ServerWork server) {}

    /** Runs the clients in a JVM of their own and collects what they measured. */
    private static Result run(TestServer server, Session session, int clients, int turnsPerClient, String reader) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(CLIENT_JVM.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TurnStreamClients.class.getName(),
                Integer.toString(server.port()), Integer.toString(clients), Integer.toString(turnsPerClient), Integer.toString(DELTAS), reader));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write(session.id() + "\n" + session.csrfToken() + "\n" + TestServer.PUBLIC_URL + "\n");
        }
        List<Long> latencies = new ArrayList<>();
        String end = null;
        ServerWork work;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            // The clients say when their warm-up is over, and print nothing more until their turns are done.
            if (!"measuring".equals(out.readLine())) {
                throw new IllegalStateException("the clients did not warm up");
            }
            ServerWork before = ServerWork.now();
            String first = out.readLine();
            work = ServerWork.now().since(before);
            for (String line = first; line != null; line = out.readLine()) {
                if (line.startsWith("end ")) {
                    end = line;
                } else {
                    latencies.add(Long.parseLong(line));
                }
            }
        }
        if (process.waitFor() != 0 || end == null) {
            throw new IllegalStateException("the clients failed (exit " + process.exitValue() + ")");
        }
        String[] totals = end.split(" ");
        return new Result(Integer.parseInt(totals[1]), Long.parseLong(totals[2]), Long.parseLong(totals[3]),
                Long.parseLong(totals[4]) / 1e9, latencies.stream().mapToLong(Long::longValue).toArray(), work);
    }

    static long stamp(String text) {
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
