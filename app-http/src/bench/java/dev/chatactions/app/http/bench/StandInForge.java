package dev.chatactions.app.http.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forgejo and Woodpecker as far as the benchmark needs them, answering at once on loopback: the
 * OAuth2 login (authorize redirect, token, current user), issue creation and label lists.
 */
final class StandInForge implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong numbers = new AtomicLong();

    /** One user, {@code bench}. */
    StandInForge() throws IOException {
        this(List.of("bench"));
    }

    /** @param logins who signs in: each sign-in the next of them, round the list */
    StandInForge(List<String> logins) throws IOException {
        AtomicLong signIns = new AtomicLong();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/login/oauth/authorize", this::authorize);
        server.createContext("/login/oauth/access_token",
                ex -> json(ex, 200, "{\"access_token\":\"bench-oauth-access-token\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
        server.createContext("/api/v1/user", ex -> json(ex, 200, "{\"id\":1,\"login\":\""
                + logins.get((int) (signIns.getAndIncrement() % logins.size())) + "\"}"));
        server.createContext("/api/v1/", this::api);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        exchange.getResponseHeaders().add("Location",
                query.get("redirect_uri") + "?code=bench-code&state=" + query.get("state"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void api(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/issues")) {
            long number = numbers.incrementAndGet();
            json(exchange, 201, "{\"id\":" + (100000 + number) + ",\"number\":" + number
                    + ",\"html_url\":\"http://forge.bench/factory/app/issues/" + number + "\",\"state\":\"open\",\"title\":\"t\"}");
        } else if (path.endsWith("/labels")) {
            json(exchange, 200, "[]");
        } else {
            json(exchange, 404, "{\"message\":\"not found\"}");
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
