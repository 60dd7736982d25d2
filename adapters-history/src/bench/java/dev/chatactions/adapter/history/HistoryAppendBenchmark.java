package dev.chatactions.adapter.history;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable appends per second: one force per append from one writer (the baseline), then group
 * commit with 1, 8 and 64 concurrent writers, all in one run. Each case gets a warm-up round and
 * {@code ROUNDS} measured rounds, each on a fresh file; the median round counts. Prints a Markdown table,
 * and the disk's own cost: the mean time of one write and force of a line, measured in every round.
 *
 * <p>Run: {@code ./mvnw -B -q -pl adapters-history -am -Pbench -DskipTests verify -Dbench.dir=DIR}
 * with DIR on the disk under test (not tmpfs).
 */
public final class HistoryAppendBenchmark {

    private static final int ROUNDS = 8;
    private static final long ROUND_MILLIS = 1_500;
    private static final long WARM_UP_MILLIS = 1_000;
    private static final long FORCE_MILLIS = 300;

    private record Case(String name, Durability durability, int writers) {}

    private HistoryAppendBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench-history"));
        List<Case> cases = List.of(
                new Case("baseline: force per append", Durability.PER_APPEND, 1),
                new Case("group commit", Durability.GROUP_COMMIT, 1),
                new Case("group commit", Durability.GROUP_COMMIT, 8),
                new Case("group commit", Durability.GROUP_COMMIT, 64));
        System.out.printf(Locale.ROOT, "history appends in %s, %d rounds of %d ms per case (median), %d cores%n%n",
                dir.toAbsolutePath(), ROUNDS, ROUND_MILLIS, Runtime.getRuntime().availableProcessors());
        System.out.println("| case | writers | appends/s (median) | min | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        // Every round runs every case, so a change in the machine's load hits all cases alike, starting
        // one case later each round: on a shared disk a case runs faster right after the 64-writer case.
        int fileNumber = 0;
        for (Case c : cases) {
            run(c, dir.resolve("warm-up-" + fileNumber++ + ".ndjson"), WARM_UP_MILLIS);
        }
        double[][] rates = new double[cases.size()][ROUNDS];
        double[] forceMillis = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            forceMillis[round] = meanForceMillis(dir.resolve("round-" + fileNumber++ + ".ndjson"));
            for (int slot = 0; slot < cases.size(); slot++) {
                int i = (round + slot) % cases.size();
                rates[i][round] = run(cases.get(i), dir.resolve("round-" + fileNumber++ + ".ndjson"), ROUND_MILLIS);
            }
        }
        double baseline = 0;
        double groupCommit64 = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Arrays.sort(rates[i]);
            double median = (rates[i][(ROUNDS - 1) / 2] + rates[i][ROUNDS / 2]) / 2;
            System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %,.0f |%n",
                    c.name(), c.writers(), median, rates[i][0], rates[i][ROUNDS - 1]);
            if (c.durability() == Durability.PER_APPEND) {
                baseline = median;
            } else if (c.writers() == 64) {
                groupCommit64 = median;
            }
        }
        System.out.printf(Locale.ROOT, "%n64 writers with group commit / baseline: %.1fx (target 10x: %s)%n",
                groupCommit64 / baseline, groupCommit64 >= 10 * baseline ? "met" : "NOT met");
        Arrays.sort(forceMillis);
        System.out.printf(Locale.ROOT, "write + force of one %d-byte line (FileChannel): mean %.3f ms (median round; min %.3f, max %.3f)%n",
                sampleLine().length, (forceMillis[(ROUNDS - 1) / 2] + forceMillis[ROUNDS / 2]) / 2, forceMillis[0],
                forceMillis[ROUNDS - 1]);
        cleanUp(dir);
    }

    /** The disk's latency without this adapter: write one line and force, repeatedly, on a fresh file. */
    private static double meanForceMillis(Path path) throws IOException {
        byte[] line = sampleLine();
        int forces = 0;
        long begin = System.nanoTime();
        long deadline = begin + FORCE_MILLIS * 1_000_000;
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (System.nanoTime() < deadline) {
                out.write(ByteBuffer.wrap(line));
                out.force(false);
                forces++;
            }
        }
        return (System.nanoTime() - begin) / 1e6 / forces;
    }

    /** The benchmark's line as the file holds it, with {@code seq} and {@code prev}. */
    private static byte[] sampleLine() {
        String links = ",\"seq\":1,\"prev\":\"" + "0".repeat(64) + "\"}\n";
        byte[] json = HistoryLineCodec.encode(sampleRecord()).json();
        return (new String(json, 0, json.length - 1, StandardCharsets.UTF_8) + links).getBytes(StandardCharsets.UTF_8);
    }

    private static ActionLine sampleRecord() {
        return new ActionLine(Instant.parse("2026-11-23T20:00:00Z"), "alice", "0123456789ab", "issue-create",
                "bench-key", null, Payload.of(Map.of("title", "Flaky test", "labels", List.of("bug"))),
                ActionStatus.STARTED, List.of(), null, null, null);
    }

    /** Appends from {@code c.writers()} threads for {@code millis}; returns appends per second. */
    private static double run(Case c, Path path, long millis) throws InterruptedException {
        HistoryFile file = HistoryFile.at(path, c.durability());
        ActionLine line = sampleRecord();
        file.append(line); // creates the file outside the timed part
        LongAdder appends = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int w = 0; w < c.writers(); w++) {
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (System.nanoTime() < deadline[0]) {
                    file.append(line);
                    appends.increment();
                }
            });
            writer.start();
            writers.add(writer);
        }
        long begin = System.nanoTime();
        deadline[0] = begin + millis * 1_000_000;
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return appends.sum() / seconds;
    }

    private static void cleanUp(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().matches("(warm-up|round)-\\d+\\.ndjson(\\.lock)?")) {
                    Files.delete(f);
                }
            }
        }
    }
}
