package dev.chatactions.app.http;

import dev.chatactions.core.conversation.ConversationSummary;
import dev.chatactions.core.conversation.ConverseUseCase;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.service.ConversationId;
import dev.chatactions.core.session.Session;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chat page: {@code GET /chat/} lists the user's conversations, {@code GET /chat/c/{id}} shows
 * one with a button per marker (and the message box when a model is configured), {@code POST
 * /chat/render} renders assistant text for front ends that stream their own, and {@code GET
 * /chat/history[/{id}]} gives the same as JSON.
 */
final class ChatHttpService implements HttpService {

    private final HistoryPort history;
    private final AssistantTextRenderer renderer;
    private final RequestGuard guard;
    private final boolean dryRun;
    private final Optional<ConverseUseCase> converse;
    private final String modelLabel;

    /**
     * @param converse the conversation when a model is configured; empty with {@code CHAT_MODEL=none}
     * @param modelLabel how the page names the model
     */
    ChatHttpService(HistoryPort history, AssistantTextRenderer renderer, RequestGuard guard, boolean dryRun,
            Optional<ConverseUseCase> converse, String modelLabel) {
        this.history = Objects.requireNonNull(history, "history");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.dryRun = dryRun;
        this.converse = Objects.requireNonNull(converse, "converse");
        this.modelLabel = Objects.requireNonNull(modelLabel, "modelLabel");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::conversations)
                .get("/c/{conversation}", this::conversation)
                .post("/render", this::render)
                .get("/history", this::historyList)
                .get("/history/{conversation}", this::historyLines);
    }

    private List<ConversationSummary> summaries(String user) {
        List<String> ids;
        try (Stream<String> conversations = history.conversations(user)) {
            ids = conversations.toList();
        }
        return ids.stream().map(id -> {
            try (Stream<HistoryRecord> records = history.conversation(user, id)) {
                return ConversationSummary.of(id, records);
            }
        }).sorted(Comparator.comparing(ConversationSummary::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    private void historyList(ServerRequest req, ServerResponse res) {
        Session session = guard.session(req);
        Responses.json(res, 200, summaries(session.user()).stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("created_at", c.createdAt() == null ? null : c.createdAt().toString());
            row.put("preview", c.preview());
            row.put("message_count", c.messageCount());
            return row;
        }).toList());
    }

    private void historyLines(ServerRequest req, ServerResponse res) {
        Session session = guard.session(req);
        String id = req.path().pathParameters().get("conversation");
        if (!ConversationId.isValid(id)) {
            throw new HttpProblem(404, "not-found", "No such conversation", "a conversation id is 12 lower-case hex characters");
        }
        List<Map<String, Object>> lines;
        try (Stream<HistoryRecord> records = history.conversation(session.user(), id)) {
            lines = records.map(HistoryJson::line).toList();
        }
        if (lines.isEmpty()) {
            throw new HttpProblem(404, "not-found", "No such conversation", "this conversation has no recorded lines");
        }
        Responses.json(res, 200, lines);
    }

    private void conversations(ServerRequest req, ServerResponse res) {
        Optional<Session> session = guard.current(req);
        if (session.isEmpty()) {
            Responses.redirect(res, URI.create("/chat/login"));
            return;
        }
        Responses.html(res, 200, page(session.get(), "Conversations",
                ChatHtml.conversationList(summaries(session.get().user()), converse.isPresent())));
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
            ConversationId.ofNullable(id);
        } catch (IllegalArgumentException e) {
            Responses.html(res, 404, ChatHtml.plainPage("Not found", "No such conversation."));
            return;
        }
        List<ChatLine> turns;
        try (Stream<HistoryRecord> records = history.conversation(user, id)) {
            turns = records.filter(ChatLine.class::isInstance).map(ChatLine.class::cast).toList();
        }
        if (turns.isEmpty() && converse.map(c -> !c.exists(user, id)).orElse(true)) {
            Responses.html(res, 404, ChatHtml.plainPage("Not found", "No such conversation."));
            return;
        }
        StringBuilder main = new StringBuilder("<h1>Conversation " + Html.escape(id) + "</h1>\n<div id=\"turns\">\n");
        for (ChatLine turn : turns) {
            String text = "assistant".equals(turn.role())
                    ? renderer.render(user, id, turn.content())
                    : Html.escape(turn.content());
            String cutShort = turn.turn() == null || turn.turn().cutShort() == null ? ""
                    : ChatHtml.cutShort(turn.turn().cutShort(), id, null);
            main.append(ChatHtml.turn(turn.role(), text + cutShort));
        }
        main.append("</div>\n");
        converse.ifPresent(c -> main.append(ChatHtml.messageForm(id, modelLabel)));
        Responses.html(res, 200, page(session.get(), "Conversation " + id, main.toString()));
    }

    private void render(ServerRequest req, ServerResponse res) {
        Session session = guard.sessionForChange(req);
        String text = RequestBodies.utf8(req);
        String conversation = req.query().first("conversation").asOptional().filter(v -> !v.isEmpty()).orElse(null);
        try {
            ConversationId.ofNullable(conversation);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        Responses.html(res, 200, renderer.render(session.user(), conversation, text));
    }

    private String page(Session session, String title, String main) {
        return ChatHtml.page(title, session.csrfToken(), session.user(), dryRun, main);
    }
}
