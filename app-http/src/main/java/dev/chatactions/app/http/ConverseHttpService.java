package dev.chatactions.app.http;

import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.conversation.ConverseUseCase;
import dev.chatactions.core.conversation.ConverseUseCase.SendMessageCommand;
import dev.chatactions.core.conversation.ConverseUseCase.TurnStart;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.session.Session;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The turn over HTTP: {@code POST /chat/new}, {@code POST /chat/c/{id}/messages} and the turn's
 * server-sent events at {@code GET /chat/c/{id}/turns/{turn}/events}. Registered only when a model is configured.
 */
final class ConverseHttpService implements HttpService {

    private static final Logger LOG = Logger.getLogger(ConverseHttpService.class.getName());
    /** A comment this often keeps proxies from closing a quiet stream, and shows soon when the client left. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private final ConverseUseCase converse;
    private final TurnRegistry turns;
    private final AssistantTextRenderer renderer;
    private final RequestGuard guard;
    private final String modelLabel;

    /** @param modelLabel how the page names the model (the demo model says so) */
    ConverseHttpService(ConverseUseCase converse, TurnRegistry turns, AssistantTextRenderer renderer, RequestGuard guard,
            String modelLabel) {
        this.converse = Objects.requireNonNull(converse, "converse");
        this.turns = Objects.requireNonNull(turns, "turns");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.modelLabel = Objects.requireNonNull(modelLabel, "modelLabel");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/new", this::open)
                .post("/c/{conversation}/messages", this::send)
                .get("/c/{conversation}/turns/{turn}/events", this::events);
    }

    private void open(ServerRequest req, ServerResponse res) {
        Session session = guard.sessionForChange(req);
        String id = converse.open(session.user());
        String page = "/chat/c/" + id;
        if (ActionHttpService.isHtmx(req)) {
            res.header("HX-Redirect", page);
            Responses.html(res, 201, "");
        } else if (wantsJson(req)) {
            res.header(HeaderNames.LOCATION, page);
            Responses.json(res, 201, Map.of("id", id));
        } else {
            Responses.redirect(res, URI.create(page));
        }
    }

    private void send(ServerRequest req, ServerResponse res) {
        Session session = guard.sessionForChange(req);
        String conversation = req.path().pathParameters().get("conversation");
        String message = message(req, RequestBodies.utf8(req));
        TurnEvents events = new TurnEvents(session.user(), conversation, message, renderer, turns::finished);
        TurnStart start;
        try {
            start = converse.send(new SendMessageCommand(session.user(), conversation, message), events);
        } catch (HistoryException e) {
            LOG.log(Level.WARNING, "a message could not be recorded", e);
            throw new HttpProblem(503, "history", "History unavailable", "the message could not be recorded; try again later",
                    Map.of(), Map.of("Retry-After", "10"));
        }
        if (!(start instanceof TurnStart.Started started)) {
            throw refusal(start);
        }
        events.attach(started.turn());
        turns.add(events);
        String eventsPath = "/chat/c/" + conversation + "/turns/" + started.turn().id() + "/events";
        if (ActionHttpService.isHtmx(req)) {
            Responses.html(res, 202, ChatHtml.turn("user", Html.escape(message)) + ChatHtml.streamingTurn(eventsPath, modelLabel));
        } else {
            Responses.json(res, 202, Map.of("turn", started.turn().id(), "events", eventsPath));
        }
    }

    private static HttpProblem refusal(TurnStart start) {
        if (start instanceof TurnStart.Busy busy) {
            return new HttpProblem(409, "busy", "A reply is still being written",
                    "this conversation has a turn running; wait for its reply", Map.of("turn", busy.runningTurn()), Map.of());
        }
        if (start instanceof TurnStart.TooMany tooMany) {
            String wait = Long.toString(Math.max(1, tooMany.retryAfter().toSeconds()));
            return tooMany.forUser()
                    ? new HttpProblem(429, "too-many-turns", "Too many replies at once",
                            "you have as many replies running as allowed; try again in " + wait + " s", Map.of(), Map.of("Retry-After", wait))
                    : new HttpProblem(503, "server-busy", "The chat is busy",
                            "the server runs as many replies as it can; try again in " + wait + " s", Map.of(), Map.of("Retry-After", wait));
        }
        TurnStart.Refused refused = (TurnStart.Refused) start;
        return switch (refused.refusal()) {
            case EMPTY -> HttpProblem.badRequest(refused.detail());
            case TOO_LONG -> new HttpProblem(413, "too-large", "Message too long", refused.detail());
            case UNKNOWN_CONVERSATION -> new HttpProblem(404, "not-found", "No such conversation", refused.detail());
        };
    }

    private static String message(ServerRequest req, String body) {
        String type = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (type.equals("application/x-www-form-urlencoded")) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (name.equals("message")) {
                    try {
                        return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw HttpProblem.badRequest("the form is not URL-encoded");
                    }
                }
            }
            throw HttpProblem.badRequest("the form has no message field");
        }
        try {
            if (PayloadJson.read(body).get("message") instanceof String message) {
                return message;
            }
        } catch (InvalidJsonException e) {
            throw HttpProblem.badRequest("the body must be {\"message\":\"...\"} or a form with message=: " + e.getMessage());
        }
        throw HttpProblem.badRequest("the body must be {\"message\":\"...\"} with a string message");
    }

    /**
     * The turn's events as {@code text/event-stream}: those so far (after {@code Last-Event-ID} when a
     * client reconnects), then the rest as they come, until {@code done}.
     */
    private void events(ServerRequest req, ServerResponse res) {
        Session session = guard.session(req);
        String conversation = req.path().pathParameters().get("conversation");
        TurnEvents events = turns.find(req.path().pathParameters().get("turn"))
                .filter(e -> e.belongsTo(session.user(), conversation))
                .orElseThrow(() -> new HttpProblem(404, "not-found", "No such turn",
                        "no running or recent turn by that id; the conversation's history has every finished reply"));
        int next = lastEventId(req) + 1;
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (HeadAsGet.wasHead(req)) {
            res.send(); // the headers only: a HEAD neither waits for the turn nor keeps it alive
            return;
        }
        events.listenerJoined();
        try (OutputStream out = res.outputStream()) {
            // Headers and a first comment at once: the client knows it is connected before any event.
            EventStreamBuffer buffer = new EventStreamBuffer().ascii(": connected\n\n");
            buffer.writeTo(out);
            out.flush();
            while (true) {
                buffer.clear();
                int count = events.await(next, KEEP_ALIVE, buffer);
                if (count == 0 && events.finished() && next >= events.size()) {
                    break;
                }
                // What queued up (up to TurnEvents.MAX_BATCH events, about MAX_BATCH_BYTES) goes out in one write: a fast model is not held up by one write per delta.
                if (count == 0) {
                    buffer.ascii(": keep-alive\n\n");
                }
                buffer.writeTo(out);
                out.flush();
                next += count;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // Writing to a client that left fails; that ends this stream only.
            LOG.log(Level.FINE, "an event stream ended early", e);
        } finally {
            turns.listenerLeft(events);
        }
    }

    private static int lastEventId(ServerRequest req) {
        String last = req.headers().first(HeaderNames.create("Last-Event-ID")).orElse("");
        try {
            return last.isEmpty() ? -1 : Math.max(-1, Integer.parseInt(last.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean wantsJson(ServerRequest req) {
        return req.headers().first(HeaderNames.ACCEPT).map(a -> a.contains("application/json")).orElse(false);
    }
}
