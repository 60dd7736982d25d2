package dev.chatactions.app.http;

import io.helidon.webserver.WebServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run of the server's ahead-of-time cache (JDK 25, {@code -XX:AOTCacheOutput}): starts
 * the dry-run server with the demo model on a free loopback port over an empty temporary history,
 * makes a few requests of every kind (health, metrics, static files, sign-in, pages, a chat turn and
 * its event stream, each action type), then stops and exits, which writes the cache. Run by
 * {@code bin/serve}, the {@code aot} Maven profile and the Dockerfile; nothing is sent anywhere.
 */
public final class AotTraining {

    private static final Pattern LOGIN_LINK = Pattern.compile("(/chat/login\\?token=\\S+)");
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
    private static final Pattern EVENTS = Pattern.compile("\"events\":\"([^\"]+)\"");
    private static final Duration TURN_LIMIT = Duration.ofSeconds(20);

    private AotTraining() {}

    public static void main(String[] args) {
        int status = 0;
        try {
            train();
        } catch (Exception e) {
            System.err.println("chat-actions: the AOT training run failed: " + e);
            status = 1;
        }
        // Helidon's shutdown hook and the model's threads must not keep the JVM: exiting writes the cache.
        System.exit(status);
    }

    private static void train() throws Exception {
        Path history = Files.createTempDirectory("chat-actions-aot-training");
        int port = freePort();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        WebServer server;
        try {
            server = Main.run(Map.of("CHAT_HOST", "127.0.0.1", "CHAT_PORT", Integer.toString(port),
                    "CHAT_HISTORY_DIR", history.toString(), "CHAT_MODEL", "demo"));
        } finally {
            System.setOut(console);
        }
        try {
            Matcher link = LOGIN_LINK.matcher(printed.toString(StandardCharsets.UTF_8));
            if (!link.find()) {
                throw new IllegalStateException("the dry-run server printed no sign-in link");
            }
            Workload workload = new Workload(URI.create("http://127.0.0.1:" + port));
            workload.run(link.group(1));
            console.println("chat-actions: AOT training run done, answers by status: " + workload.statuses());
        } finally {
            server.stop();
            deleteTree(history);
        }
    }

    /** Requests of every kind against the server at {@code base}. */
    private record Workload(URI base, HttpClient client, Map<Integer, Integer> statuses) {

        Workload(URI base) {
            this(base, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), new TreeMap<>());
        }

        void run(String loginPath) throws IOException, InterruptedException {
            for (String path : new String[] {"/health", "/metrics", "/", "/chat/", "/static/chat.css", "/static/chat.js"}) {
                get(path, "");
            }
            HttpResponse<String> signedIn = get(loginPath, "");
            String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow(
                    () -> new IllegalStateException("the sign-in link answered " + signedIn.statusCode() + " without a session"));
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            Matcher csrf = CSRF.matcher(get("/chat/", cookie).body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the chat page");
            }
            String token = csrf.group(1);
            get("/chat/history", cookie);
            HttpResponse<String> opened = post("/chat/new", cookie, token, "{}", "application/json");
            String conversation = opened.headers().firstValue("Location").orElse("/chat/c/none");
            get(conversation, cookie);
            Matcher events = EVENTS.matcher(post(conversation + "/messages", cookie, token,
                    "{\"message\":\"we have a flaky test\"}", "application/json").body());
            if (events.find()) {
                client.send(request(events.group(1), cookie).timeout(TURN_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
            }
            String id = conversation.substring(conversation.lastIndexOf('/') + 1);
            post("/chat/render?conversation=" + id, cookie, token, "text with <action type=\"issue-create\">{\"title\":\"x\"}</action>", "text/plain");
            post("/chat/action/issue-create?conversation=" + id, cookie, token, "{\"title\":\"AOT training\"}", "application/json");
            post("/chat/action/pr-create?conversation=" + id, cookie, token,
                    "{\"title\":\"AOT training\",\"head\":\"feature\",\"base\":\"main\"}", "application/json");
            post("/chat/action/ci-run?conversation=" + id, cookie, token, "{\"branch\":\"main\"}", "application/json");
            post("/chat/action/branch-delete", cookie, token, "{}", "application/json");
        }

        private HttpResponse<String> counted(HttpResponse<String> response) {
            statuses.merge(response.statusCode(), 1, Integer::sum);
            return response;
        }

        private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
            return counted(client.send(request(path, cookie).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private HttpResponse<String> post(String path, String cookie, String csrf, String body, String type)
                throws IOException, InterruptedException {
            return counted(client.send(request(path, cookie).header("X-CSRF-Token", csrf).header("Origin", base.toString())
                    .header("Content-Type", type).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private HttpRequest.Builder request(String path, String cookie) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TURN_LIMIT);
            return cookie.isEmpty() ? request : request.header("Cookie", cookie);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
