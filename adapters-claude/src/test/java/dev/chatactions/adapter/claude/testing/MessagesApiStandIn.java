package dev.chatactions.adapter.claude.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in of the Anthropic Messages API on loopback, for the real {@code claude} CLI: it streams
 * the documented SSE events ({@code message_start}, {@code content_block_start},
 * {@code content_block_delta} with {@code text_delta}, {@code content_block_stop},
 * {@code message_delta}, {@code message_stop}), or an API error, or a stream that breaks off; a
 * request without {@code "stream":true} gets the same answer as one JSON body. It records every
 * request; requests other than {@code POST /v1/messages} get a harmless 404.
 */
public final class MessagesApiStandIn implements AutoCloseable {

    /** How the next message requests are answered. */
    public sealed interface Mode {}

    /** Streams {@code pieces} as text deltas, a little apart, and ends the message normally. */
    public record Reply(List<String> pieces) implements Mode {}

    /** Answers with an HTTP error and the API's error body. */
    public record Status(int code, String errorType) implements Mode {}

    /** Streams a first delta, then an SSE {@code error} event of {@code errorType}. */
    public record StreamError(String errorType) implements Mode {}

    /** Streams a first delta, then half an event, then closes the connection. */
    public record BrokenStream() implements Mode {}

    /** Streams a first delta, then says nothing more for a minute. */
    public record Stall() implements Mode {}

    /** One request as it arrived. */
    public record Seen(String method, String path, String headers, String body) {
        public String everything() {
            return method + " " + path + "\n" + headers + "\n" + body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Mode mode = new Reply(List.of("Hello"));

    public MessagesApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "messages-api-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void answer(Mode next) {
        mode = next;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The message requests (streaming or not) in the order they came. */
    public List<Seen> messageRequests() {
        return seen.stream().filter(request -> request.method().equals("POST") && isMessages(request.path())).toList();
    }

    public void clear() {
        seen.clear();
    }

    private static boolean isMessages(String path) {
        return path.equals("/v1/messages") || path.startsWith("/v1/messages?");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().toString();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder headers = new StringBuilder();
        exchange.getRequestHeaders().forEach((name, values) -> headers.append(name).append(": ").append(values).append('\n'));
        seen.add(new Seen(exchange.getRequestMethod(), path, headers.toString(), body));
        if (!exchange.getRequestMethod().equals("POST") || !isMessages(path)) {
            send(exchange, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"not here\"}}");
            return;
        }
        Mode now = mode;
        if (now instanceof Status status) {
            send(exchange, status.code(), "{\"type\":\"error\",\"error\":{\"type\":\"" + status.errorType() + "\",\"message\":\"stand-in "
                    + status.code() + "\"}}");
            return;
        }
        if (!JSON.readTree(body).path("stream").asBoolean(false)) {
            answerWhole(exchange, now);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_standin\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-stand-in\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}");
        event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        List<String> pieces = now instanceof Reply reply ? reply.pieces() : List.of("Partial ");
        for (String piece : pieces) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            event(out, "content_block_delta", delta.toString());
            pause();
        }
        if (now instanceof StreamError error) {
            event(out, "error", "{\"type\":\"error\",\"error\":{\"type\":\"" + error.errorType() + "\",\"message\":\"stand-in\"}}");
            return;
        }
        if (now instanceof Stall) {
            Thread.sleep(60_000);
            return;
        }
        if (now instanceof BrokenStream) {
            out.write("event: content_block_delta\ndata: {\"type\":\"content_block_del".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":" + pieces.size() + "}}");
        event(out, "message_stop", "{\"type\":\"message_stop\"}");
    }

    /** A request without {@code "stream":true} (the CLI's fallback after a failed stream) gets one JSON answer. */
    private static void answerWhole(HttpExchange exchange, Mode now) throws IOException {
        if (now instanceof StreamError error) {
            send(exchange, error.errorType().equals("overloaded_error") ? 529 : 500,
                    "{\"type\":\"error\",\"error\":{\"type\":\"" + error.errorType() + "\",\"message\":\"stand-in\"}}");
            return;
        }
        if (now instanceof BrokenStream) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"id\":\"msg_standin\",\"type\":\"mess".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode message = JSON.createObjectNode().put("id", "msg_standin").put("type", "message").put("role", "assistant")
                .put("model", "claude-stand-in").put("stop_reason", "end_turn");
        String text = now instanceof Reply reply ? String.join("", reply.pieces()) : "Partial ";
        message.putArray("content").addObject().put("type", "text").put("text", text);
        message.putObject("usage").put("input_tokens", 21).put("output_tokens", 5);
        send(exchange, 200, message.toString());
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Apart enough that the CLI hands the pieces on one by one. */
    private static void pause() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
