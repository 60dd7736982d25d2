package dev.chatactions.adapter.history;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second process appending to one history file, started by the tests with the test class path.
 *
 * <p>{@code burst FILE PREFIX THREADS COUNT}: prints {@code ready}, waits for a line on stdin, then
 * appends COUNT lines with keys PREFIX0..PREFIX(COUNT-1) from THREADS threads and prints {@code done}.
 * <br>{@code loop FILE PREFIX THREADS}: appends until killed, printing {@code KEY;} after each append returns.
 * <br>{@code until-failure FILE PREFIX}: appends until an append fails, then prints {@code failed: MESSAGE}.
 */
public final class AppendingProcess {

    private AppendingProcess() {}

    public static void main(String[] args) throws Exception {
        boolean burst = args[0].equals("burst");
        HistoryFile file = HistoryFile.at(Path.of(args[1]));
        String prefix = args[2];
        if (args[0].equals("until-failure")) {
            try {
                for (long i = 0; ; i++) {
                    file.append(line(prefix + i));
                }
            } catch (HistoryException e) {
                System.out.println("failed: " + e.getMessage());
                return;
            }
        }
        int threads = Integer.parseInt(args[3]);
        long count = burst ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (burst) {
            out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        appendConcurrently(file, prefix, threads, count, burst ? null : out);
        out.println("done");
    }

    /** Appends keys PREFIX0.. from several threads; prints each acknowledged key when {@code acks} is set. */
    static void appendConcurrently(HistoryFile file, String prefix, int threads, long count, PrintStream acks)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    file.append(line(prefix + i));
                    if (acks != null) {
                        acks.println(prefix + i + ";");
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    static ActionLine line(String key) {
        return new ActionLine(Instant.parse("2026-11-23T20:00:00Z"), "alice", "0123456789ab", "issue-create", key, null,
                Payload.of(Map.of("title", "line " + key, "body", "x".repeat(200))), ActionStatus.STARTED, List.of(),
                null, null, null);
    }

    /** Starts this class in a new JVM with the test class path. */
    static Process start(String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), AppendingProcess.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
