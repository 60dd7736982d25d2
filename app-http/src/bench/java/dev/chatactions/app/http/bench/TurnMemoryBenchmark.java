package dev.chatactions.app.http.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatactions.app.http.SignInByHand;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import dev.chatactions.app.http.bench.HttpLoadBenchmark.Config;
import dev.chatactions.core.conversation.ConverseLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The turns' worst case, run (issue 15; not part of the default build, see BENCHMARKS.md "Footprint
 * and start-up"): the packaged server, live mode, with each JVM configuration of {@code -Dbench.configs},
 * and a stand-in {@code claude} CLI that answers every message with a reply exactly at the default
 * reply cap, one character per delta, of "€" (outside Latin-1, so a Java string holds it in two bytes,
 * and UTF-8 in three) with a marker in the middle. Before the turns, the server restores a history of
 * {@code -Dbench.restore.actions} clicks made today (5,000: more than the ledger keeps, so the ledger is
 * at its bound; 0 for none) and answers a click, so the restore is done. As many clients as
 * the server runs turns at once ({@code turnsInTotal}, over as many users as {@code turnsPerUser}
 * needs; {@code -Dbench.clients} for fewer) each run {@code -Dbench.turns} turns in a conversation of their own, all at once, reading
 * each turn's event stream slowly ({@code -Dbench.reader.pause.micros} after every event), so the
 * events pile up behind them. Reports per configuration: turns completed, failed, short (a stream
 * without the whole reply) and forgotten (finished, then dropped by the finished turns' budget before
 * its client connected: the page reads it from the history then), the peak
 * RSS ({@code VmHWM}), and whether the server logged an {@code OutOfMemoryError}.
 */
public final class TurnMemoryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConverseLimits LIMITS = ConverseLimits.defaults();
    private static final int TURNS_PER_CLIENT = Integer.getInteger("bench.turns", 2);
    private static final long READER_PAUSE_MICROS = Long.getLong("bench.reader.pause.micros", 200);
    private static final int RESTORE_ACTIONS = Integer.getInteger("bench.restore.actions", 5000);
    private static final String MARKER = "<action type=\"issue-create\">{\"title\":\"Bench issue\"}</action>";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private TurnMemoryBenchmark() {}

    private record Outcome(long completed, long failed, long shortOrBroken, long forgotten, double seconds) {}

    public static void main(String[] args) throws Exception {
        List<Config> configs = Config.parse(System.getProperty("bench.configs", "default="));
        Path jar = Path.of(System.getProperty("bench.jar", "target/chat-actions-http.jar"));
        int clients = Integer.getInteger("bench.clients", LIMITS.turnsInTotal());
        List<String> users = IntStream.rangeClosed(1, (clients + LIMITS.turnsPerUser() - 1) / LIMITS.turnsPerUser())
                .mapToObj(n -> "bench-" + n).toList();
        Path cli = standInClaude(Files.createTempDirectory("chat-actions-bench-claude"));
        System.out.printf("%d clients, %d turns each, all at once; replies of %d chars, one per delta; readers pause %d µs an event;"
                + " %d clicks restored first%n", clients, TURNS_PER_CLIENT, LIMITS.maxReplyChars(), READER_PAUSE_MICROS, RESTORE_ACTIONS);
        try (StandInForge forge = new StandInForge(users)) {
            Path clicks = RESTORE_ACTIONS > 0 ? HttpLoadBenchmark.historyOfActions(forge, jar, RESTORE_ACTIONS,
                    new Config("restore", List.of(), Map.of("DISINTO_CHAT_ALLOWED_USERS", String.join(",", users)))) : null;
            for (Config config : configs) {
                Path historyDir = Files.createTempDirectory("chat-actions-bench-history");
                if (clicks != null) {
                    copyTree(clicks, historyDir);
                }
                Path log = historyDir.resolveSibling(historyDir.getFileName() + ".log");
                int port = HttpLoadBenchmark.freePort();
                URI server = URI.create("http://127.0.0.1:" + port);
                List<String> options = new ArrayList<>(config.jvmOptions());
                Config live = new Config(config.name(), options, withLiveModel(config, cli, users));
                Process process = HttpLoadBenchmark.launchServer(jar, live, forge.url(), port, historyDir);
                try {
                    HttpLoadBenchmark.awaitHealthy(process, server, System.nanoTime());
                    List<SignedIn> sessions = new ArrayList<>();
                    for (int i = 0; i < users.size(); i++) {
                        sessions.add(SignInByHand.viaForge(CLIENT, server));
                    }
                    if (clicks != null) {
                        awaitRestored(server, sessions.getFirst());
                    }
                    Outcome outcome = run(server, sessions, clients);
                    long peak = HttpLoadBenchmark.statusKiB(process.pid(), "VmHWM:");
                    boolean alive = process.isAlive();
                    HttpLoadBenchmark.stop(process);
                    boolean outOfMemory = Files.readString(log).contains("OutOfMemoryError");
                    System.out.printf("%s: %d turns completed, %d failed, %d short or broken, %d finished and forgotten before"
                            + " their client came, in %.1f s; peak RSS %d MiB;"
                            + " OutOfMemoryError: %s; server %s; load average %s  (%s)%n",
                            config.name(), outcome.completed(), outcome.failed(), outcome.shortOrBroken(), outcome.forgotten(), outcome.seconds(),
                            peak / 1024, outOfMemory ? "YES" : "no", alive ? "alive to the end" : "STOPPED",
                            HttpLoadBenchmark.loadAverage(), config.describe());
                } finally {
                    HttpLoadBenchmark.stop(process);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** Until the history is restored a click waits, then gets 503: one that succeeds means the ledger is full. */
    private static void awaitRestored(URI server, SignedIn session) throws Exception {
        HttpLoadBenchmark.Target click = HttpLoadBenchmark.actions(List.of(server), server, session, "restored-");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (HttpLoadBenchmark.run("a click after the restore", click, 1, 1, null).failures() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no click succeeded within 60 s of the start: the history was not restored");
            }
        }
    }

    /** The configuration's environment with the live model: the stand-in CLI, an API key for it alone, the users. */
    private static Map<String, String> withLiveModel(Config config, Path cli, List<String> users) {
        Map<String, String> env = new LinkedHashMap<>(config.env());
        env.put("CHAT_MODEL", "live");
        env.put("CHAT_CLAUDE_BIN", cli.toString());
        env.put("ANTHROPIC_API_KEY", "sk-ant-bench-stand-in");
        env.put("HOME", cli.getParent().toString());
        env.put("DISINTO_CHAT_ALLOWED_USERS", String.join(",", users));
        return env;
    }

    /** Writes the stand-in CLI: its stream-json lines once to a file, and a script that prints them and a result. */
    private static Path standInClaude(Path dir) throws Exception {
        int before = (LIMITS.maxReplyChars() - MARKER.length()) / 2;
        String reply = "€".repeat(before) + MARKER + "€".repeat(LIMITS.maxReplyChars() - before - MARKER.length());
        StringBuilder lines = new StringBuilder("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\",\"tools\":[]}\n");
        reply.codePoints().forEach(codePoint -> {
            ObjectNode line = JSON.createObjectNode().put("type", "stream_event");
            line.putObject("event").put("type", "content_block_delta").put("index", 0)
                    .putObject("delta").put("type", "text_delta").put("text", Character.toString(codePoint));
            lines.append(line).append('\n');
        });
        Path stream = dir.resolve("stream.jsonl");
        Files.writeString(stream, lines);
        Path script = dir.resolve("claude");
        Files.writeString(script, "#!/bin/sh\nSESSION=none\n"
                + "for a in \"$@\"; do case \"$a\" in --session-id=*|--resume=*) SESSION=\"${a#*=}\";; esac; done\n"
                + "cat '" + stream + "'\n"
                + "printf '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"session_id\":\"%s\","
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}\\n' \"$SESSION\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Every client opens a conversation, then all run their turns at once; counts how the turns ended. */
    private static Outcome run(URI server, List<SignedIn> sessions, int clients) throws Exception {
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong shortOrBroken = new AtomicLong();
        AtomicLong forgotten = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(clients);
        long start;
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("client-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SignedIn session = sessions.get(c % sessions.size());
                futures.add(pool.submit(() -> {
                    String conversation = JSON.readTree(post(server, session, "/chat/new", "").body()).path("id").asText();
                    ready.countDown();
                    ready.await();
                    for (int turn = 0; turn < TURNS_PER_CLIENT; turn++) {
                        HttpResponse<String> accepted = post(server, session, "/chat/c/" + conversation + "/messages",
                                "{\"message\":\"go\"}");
                        if (accepted.statusCode() != 202) {
                            failed.incrementAndGet();
                            System.out.println("refused: " + accepted.statusCode() + " " + accepted.body());
                            continue;
                        }
                        String status = read(server, session, JSON.readTree(accepted.body()).path("events").asText());
                        (switch (status) {
                            case "completed" -> completed;
                            case "short" -> shortOrBroken;
                            case "forgotten" -> forgotten;
                            default -> failed;
                        }).incrementAndGet();
                    }
                    return null;
                }));
            }
            ready.await();
            start = System.nanoTime();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return new Outcome(completed.get(), failed.get(), shortOrBroken.get(), forgotten.get(), (System.nanoTime() - start) / 1e9);
    }

    /** One retry when the request fails to get an answer: a kept-alive connection the server closed while a long turn streamed. */
    private static HttpResponse<String> post(URI server, SignedIn session, String path, String body) throws Exception {
        try {
            return postOnce(server, session, path, body);
        } catch (IOException closedWhileIdle) {
            return postOnce(server, session, path, body);
        }
    }

    private static HttpResponse<String> postOnce(URI server, SignedIn session, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.resolve(path))
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrfToken())
                .header("Origin", server.toString())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads a turn's events slowly until {@code done}: its status, or "short" when the text is not the whole reply. */
    private static String read(URI server, SignedIn session, String events) throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + events + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + session.cookie()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            if (statusLine == null || statusLine.contains(" 404 ")) {
                return "forgotten"; // finished and dropped by the finished turns' budget before this client came
            }
            String event = "";
            long chars = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    JsonNode data = JSON.readTree(line.substring(5));
                    if (event.equals("delta")) {
                        chars += data.path("text").asText().length();
                    } else if (event.equals("done")) {
                        String status = data.path("status").asText();
                        return status.equals("completed") && chars != LIMITS.maxReplyChars() ? "short" : status;
                    }
                    TimeUnit.MICROSECONDS.sleep(READER_PAUSE_MICROS);
                }
            }
            return "short";
        }
    }
}
