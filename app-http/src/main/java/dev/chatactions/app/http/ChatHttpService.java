package dev.chatactions.app.http;

import dev.chatactions.app.http.Sessions.Session;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.service.Names;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chat page: {@code GET /chat/} lists the user's conversations, {@code GET /chat/c/{id}} shows
 * one with a button per marker, {@code POST /chat/render} renders assistant text for front ends
 * that stream their own.
 */
final class ChatHttpService implements HttpService {

    private final HistoryPort history;
    private final AssistantTextRenderer renderer;
    private final RequestGuard guard;
    private final boolean dryRun;

    ChatHttpService(HistoryPort history, AssistantTextRenderer renderer, RequestGuard guard, boolean dryRun) {
        this.history = Objects.requireNonNull(history, "history");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.dryRun = dryRun;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::conversations)
                .get("/c/{conversation}", this::conversation)
                .post("/render", this::render);
    }

    private void conversations(ServerRequest req, ServerResponse res) {
        Optional<Session> session = guard.current(req);
        if (session.isEmpty()) {
            Responses.redirect(res, URI.create("/chat/login"));
            return;
        }
        List<String> ids;
        try (Stream<String> conversations = history.conversations(session.get().user())) {
            ids = conversations.toList();
        }
        Responses.html(res, 200, page(session.get(), "Conversations", ChatHtml.conversationList(ids)));
    }

    private void conversation(ServerRequest req, ServerResponse res) {
        Optional<Session> session = guard.current(req);
        if (session.isEmpty()) {
            Responses.redirect(res, URI.create("/chat/login"));
            return;
        }
        String user = session.get().user();
        String id = req.path().pathParameters().get("conversation");
        try {
            Names.requireConversation(id);
        } catch (IllegalArgumentException e) {
            Responses.html(res, 404, ChatHtml.plainPage("Not found", "No such conversation."));
            return;
        }
        List<ChatLine> turns;
        try (Stream<HistoryRecord> records = history.conversation(user, id)) {
            turns = records.filter(ChatLine.class::isInstance).map(ChatLine.class::cast).toList();
        }
        if (turns.isEmpty()) {
            Responses.html(res, 404, ChatHtml.plainPage("Not found", "No such conversation."));
            return;
        }
        StringBuilder main = new StringBuilder("<h1>Conversation " + Html.escape(id) + "</h1>\n");
        for (ChatLine turn : turns) {
            String text = "assistant".equals(turn.role())
                    ? renderer.render(user, id, turn.content())
                    : Html.escape(turn.content());
            main.append(ChatHtml.turn(turn.role(), text));
        }
        Responses.html(res, 200, page(session.get(), "Conversation " + id, main.toString()));
    }

    private void render(ServerRequest req, ServerResponse res) {
        Session session = guard.sessionForChange(req);
        String text = RequestBodies.utf8(req);
        String conversation = req.query().first("conversation").asOptional().filter(v -> !v.isEmpty()).orElse(null);
        try {
            Names.requireConversation(conversation);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        Responses.html(res, 200, renderer.render(session.user(), conversation, text));
    }

    private String page(Session session, String title, String main) {
        return ChatHtml.page(title, session.csrfToken(), session.user(), dryRun, main);
    }
}
