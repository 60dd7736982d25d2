package dev.chatactions.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** A test client for a turn's event stream: reads {@code text/event-stream} until {@code done}. */
final class ServerSentEvents {

    record Event(String id, String name, JsonNode data) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a test waits for a stream to end. */
    static final Duration STREAM_WAIT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerSentEvents() {}

    /** Every event until {@code done} (included) or the end of the stream, over a loopback socket. */
    static Result readAll(HttpRequest.Builder request) {
        try {
            HttpResponse<Stream<String>> response = CLIENT.send(request.timeout(STREAM_WAIT).build(),
                    HttpResponse.BodyHandlers.ofLines());
            return read(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event in {@code body} until {@code done} (included) or its end, with the answer's status and type. */
    static Result read(int status, String contentType, Stream<String> body) throws IOException {
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = body) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (name != null) {
                        events.add(new Event(id, name, JSON.readTree(data.toString())));
                        if (name.equals("done")) {
                            break;
                        }
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }
        return new Result(status, contentType, events);
    }

    record Result(int status, String contentType, List<Event> events) {

        List<Event> named(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }

        String text() {
            StringBuilder text = new StringBuilder();
            named("delta").forEach(e -> text.append(e.data().path("text").asText()));
            return text.toString();
        }

        Event done() {
            return named("done").get(0);
        }
    }
}
