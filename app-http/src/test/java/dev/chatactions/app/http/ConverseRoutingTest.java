package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.testing.FakeAssistant;
import dev.chatactions.core.testing.InMemoryHistory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConverseRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUE = "<action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>";
    private static final ConverseLimits LIMITS = new ConverseLimits(50, 10_000, Duration.ofSeconds(20), 2, 3, Duration.ofSeconds(9));

    private final FakeAssistant model = new FakeAssistant();
    private TestServer server = TestServer.withModel(model, LIMITS);
    private final Session alice = server.signIn("alice");

    @AfterEach
    void stop() {
        server.close();
    }

    private String open(Session session) throws Exception {
        HttpResponse<String> created = server.send(server.post(session, "/chat/new", "").header("Accept", "application/json"));
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private HttpResponse<String> say(Session session, String conversation, String message) throws Exception {
        return server.send(server.post(session, "/chat/c/" + conversation + "/messages",
                JSON.writeValueAsString(java.util.Map.of("message", message))));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private ServerSentEvents.Result events(Session session, String eventsPath) {
        return server.events(server.get(session, eventsPath));
    }

    @Test
    void new_answers_303_to_the_page_or_201_with_the_id_and_needs_session_csrf_and_origin() throws Exception {
        HttpResponse<String> page = server.send(server.post(alice, "/chat/new", ""));
        String id = open(alice);
        HttpResponse<String> noCsrf = server.send(server.post(alice, "/chat/new", "").setHeader("X-CSRF-Token", "wrong"));
        HttpResponse<String> otherOrigin = server.send(server.post(alice, "/chat/new", "").setHeader("Origin", "http://evil.test"));
        HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/chat/new"))
                .header("Origin", TestServer.PUBLIC_URL).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow()).matches("/chat/c/[0-9a-f]{12}");
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        String empty = server.send(server.get(alice, "/chat/c/" + id)).body();
        assertThat(empty).contains("<form class=\"message\" hx-post=\"/chat/c/" + id + "/messages\"").contains("demo model");
    }

    @Test
    void a_message_streams_deltas_a_marker_with_a_disabled_button_and_done_with_live_buttons() throws Exception {
        model.then(FakeAssistant.completed(), "I can file it:\n", ISSUE.substring(0, 25), ISSUE.substring(25), "\nDone.");
        String conversation = open(alice);

        HttpResponse<String> accepted = say(alice, conversation, "file the flaky test");
        ServerSentEvents.Result stream = events(alice, body(accepted).path("events").asText());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(body(accepted).path("events").asText())
                .isEqualTo("/chat/c/" + conversation + "/turns/" + body(accepted).path("turn").asText() + "/events");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.events()).extracting(ServerSentEvents.Event::name)
                .containsExactly("delta", "delta", "delta", "marker", "delta", "done");
        assertThat(stream.text()).isEqualTo("I can file it:\n" + ISSUE + "\nDone.");
        JsonNode marker = stream.named("marker").get(0).data();
        assertThat(marker.path("kind").asText()).isEqualTo("offered");
        assertThat(marker.path("type").asText()).isEqualTo("issue-create");
        assertThat(marker.path("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(marker.path("html").asText()).contains(" disabled>");
        JsonNode done = stream.done().data();
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("html").asText()).contains("hx-post=\"/chat/action/issue-create?conversation=" + conversation)
                .doesNotContain(" disabled>");

        HttpResponse<String> click = server.send(server.post(alice, "/chat/action/issue-create?conversation=" + conversation
                + "&proposal=" + marker.path("proposal").asText() + "&digest=" + marker.path("digest").asText(),
                "{\"title\":\"Flaky test\"}"));
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(server.upstream.calls()).hasSize(1);
    }

    @Test
    void a_late_client_gets_every_event_so_far_and_a_returning_one_only_what_it_missed() throws Exception {
        model.then(FakeAssistant.completed(), "one ", "two ", "three");
        String conversation = open(alice);
        String events = body(say(alice, conversation, "count")).path("events").asText();

        ServerSentEvents.Result first = events(alice, events);
        ServerSentEvents.Result late = events(alice, events);
        ServerSentEvents.Result returning = server.events(server.get(alice, events).header("Last-Event-ID", "1"));

        assertThat(late.events()).isEqualTo(first.events());
        assertThat(late.text()).isEqualTo("one two three");
        assertThat(returning.events()).extracting(ServerSentEvents.Event::id).containsExactly("2", "3");
    }

    @Test
    void empty_too_long_unknown_and_malformed_messages_are_refused_with_their_status() throws Exception {
        String conversation = open(alice);

        assertThat(say(alice, conversation, "   ").statusCode()).isEqualTo(400);
        assertThat(say(alice, conversation, "x".repeat(51)).statusCode()).isEqualTo(413);
        assertThat(server.send(server.post(alice, "/chat/c/" + conversation + "/messages", "x".repeat(300 * 1024))).statusCode())
                .isEqualTo(413);
        assertThat(say(alice, "0123456789ab", "hi").statusCode()).isEqualTo(404);
        assertThat(say(alice, "not-an-id", "hi").statusCode()).isEqualTo(404);
        assertThat(server.send(server.post(alice, "/chat/c/" + conversation + "/messages", "{\"message\":7}")).statusCode())
                .isEqualTo(400);
        HttpResponse<String> problem = say(alice, conversation, "");
        assertThat(problem.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/problem+json");
        assertThat(((InMemoryHistory) server.history).records()).isEmpty();
    }

    @Test
    void another_persons_conversation_and_turn_are_not_found() throws Exception {
        model.then(FakeAssistant.completed(), "hi");
        String conversation = open(alice);
        String events = body(say(alice, conversation, "hello")).path("events").asText();
        Session bob = server.signIn("bob");

        assertThat(say(bob, conversation, "mine now").statusCode()).isEqualTo(404);
        assertThat(server.send(server.get(bob, events)).statusCode()).isEqualTo(404);
        assertThat(server.send(server.get(alice, "/chat/c/" + conversation + "/turns/t-nope/events")).statusCode()).isEqualTo(404);
        assertThat(server.send(HttpRequest.newBuilder(server.uri(events))).statusCode()).isEqualTo(401);
    }

    @Test
    void head_on_a_running_turns_events_answers_the_headers_at_once_without_waiting_for_the_turn() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        model.thenWaitFor(gate, "thinking");
        String conversation = open(alice);
        try {
            String events = body(say(alice, conversation, "hi")).path("events").asText();

            HttpResponse<String> head = server.send(server.get(alice, events)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)));

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(head.body()).isEmpty();
        } finally {
            gate.countDown();
        }
    }

    @Test
    void two_messages_at_once_in_one_conversation_give_one_turn_and_one_409() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        model.thenWaitFor(gate, "thinking").thenWaitFor(gate, "thinking");
        String conversation = open(alice);
        String other = open(alice);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Callable<Integer> send = () -> {
                ready.countDown();
                ready.await();
                return say(alice, conversation, "hi").statusCode();
            };
            List<Future<Integer>> answers = pool.invokeAll(List.of(send, send), 30, TimeUnit.SECONDS);
            HttpResponse<String> sideBySide = say(alice, other, "and here");

            assertThat(List.of(answers.get(0).get(), answers.get(1).get())).containsExactlyInAnyOrder(202, 409);
            assertThat(sideBySide.statusCode()).isEqualTo(202);
            HttpResponse<String> busy = say(alice, conversation, "still there?");
            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(body(busy).path("turn").asText()).startsWith("t-");
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void too_many_turns_answer_429_for_one_person_and_503_for_the_server_with_retry_after() throws Exception {
        model.thenHang().thenHang().thenHang();
        Session bob = server.signIn("bob");
        String a1 = open(alice);
        String a2 = open(alice);
        String a3 = open(alice);
        String b1 = open(bob);
        String b2 = open(bob);

        assertThat(say(alice, a1, "1").statusCode()).isEqualTo(202);
        assertThat(say(alice, a2, "2").statusCode()).isEqualTo(202);
        HttpResponse<String> mine = say(alice, a3, "3");
        assertThat(say(bob, b1, "4").statusCode()).isEqualTo(202);
        HttpResponse<String> all = say(bob, b2, "5");

        assertThat(mine.statusCode()).isEqualTo(429);
        assertThat(mine.headers().firstValue("Retry-After")).hasValue("9");
        assertThat(all.statusCode()).isEqualTo(503);
        assertThat(all.headers().firstValue("Retry-After")).hasValue("9");
    }

    @Test
    void an_htmx_message_gets_the_persons_bubble_and_the_streaming_placeholder_and_a_form_post_works() throws Exception {
        model.then(FakeAssistant.completed(), "hi");
        String conversation = open(alice);

        HttpResponse<String> htmx = server.send(server.post(alice, "/chat/c/" + conversation + "/messages",
                "message=" + java.net.URLEncoder.encode("<b>hello</b> & bye", StandardCharsets.UTF_8))
                .setHeader("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true"));

        assertThat(htmx.statusCode()).isEqualTo(202);
        assertThat(htmx.body()).contains("<article class=\"turn user\">").contains("&lt;b&gt;hello&lt;/b&gt; &amp; bye")
                .containsPattern("class=\"turn assistant streaming\" data-events=\"/chat/c/" + conversation + "/turns/t-[0-9a-f]+/events\"")
                .contains("(demo model)");
        assertThat(((InMemoryHistory) server.history).records(ChatLine.class).get(0).content()).isEqualTo("<b>hello</b> & bye");
    }

    @Test
    void a_failed_turn_keeps_the_partial_reply_marked_cut_short_with_a_try_again_button() throws Exception {
        model.then(new dev.chatactions.core.port.TurnEnd.Failed("The model is rate limited; try again in a minute.", true), "Half a");
        String conversation = open(alice);

        ServerSentEvents.Result stream = events(alice, body(say(alice, conversation, "hello")).path("events").asText());
        String page = server.send(server.get(alice, "/chat/c/" + conversation)).body();

        JsonNode done = stream.done().data();
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("reason").asText()).isEqualTo("The model is rate limited; try again in a minute.");
        assertThat(done.path("html").asText()).contains("Half a").contains("class=\"cut-short\"").contains(">Try again</button>");
        assertThat(page).contains("Half a").contains("rate limited");
    }

    @Test
    void closing_the_page_cancels_the_turn_after_the_grace_and_keeps_what_was_said() throws Exception {
        server.close();
        server = TestServer.withModelOnLoopback(model, LIMITS); // the page is closed by dropping its connection
        Session alice = server.signIn("alice");
        model.thenHang("Let me ", "think");
        String conversation = open(alice);
        String events = body(say(alice, conversation, "hello")).path("events").asText();

        try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + events + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + Sessions.COOKIE + "=" + alice.id()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            byte[] buffer = new byte[512];
            while (!head.toString().contains("think")) {
                int read = in.read(buffer);
                assertThat(read).as("the stream ended before the second delta").isPositive();
                head.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 200");
        }

        List<ChatLine> lines = awaitAssistantLine(conversation);
        assertThat(lines.get(1).content()).isEqualTo("Let me think");
        assertThat(lines.get(1).turn().cutShort()).contains("page was closed");
    }

    private List<ChatLine> awaitAssistantLine(String conversation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<ChatLine> lines = ((InMemoryHistory) server.history).records(ChatLine.class).stream()
                    .filter(l -> conversation.equals(l.conversation())).toList();
            if (lines.size() == 2) {
                return lines;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the turn was not cancelled within 20 s");
    }

    @Test
    void history_lists_conversations_newest_first_and_gives_one_conversations_lines() throws Exception {
        model.then(FakeAssistant.completed(), ISSUE);
        String conversation = open(alice);
        events(alice, body(say(alice, conversation, "Please file the flaky   test\nin payments")).path("events").asText());

        JsonNode list = body(server.send(server.get(alice, "/chat/history")));
        JsonNode lines = body(server.send(server.get(alice, "/chat/history/" + conversation)));

        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo(conversation);
        assertThat(list.get(0).path("message_count").asInt()).isEqualTo(2);
        assertThat(list.get(0).path("preview").asText()).isEqualTo("Please file the flaky test in payments");
        assertThat(list.get(0).path("created_at").asText()).isNotEmpty();
        assertThat(lines).extracting(l -> l.path("role").asText()).containsExactly("user", "assistant", "proposal");
        assertThat(lines.get(1).path("model_session").asText()).matches("[0-9a-f-]{36}");
        assertThat(((InMemoryHistory) server.history).records(ProposalLine.class)).hasSize(1);
        assertThat(server.send(server.get(alice, "/chat/history/0123456789ab")).statusCode()).isEqualTo(404);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/chat/history"))).statusCode()).isEqualTo(401);
    }

    @Test
    void without_a_model_there_is_no_message_box_and_no_turn_routes() throws Exception {
        server.close();
        server = TestServer.withoutModel();
        Session bob = server.signIn("bob");

        assertThat(server.send(server.post(bob, "/chat/new", "")).statusCode()).isEqualTo(404);
        assertThat(server.send(server.get(bob, "/chat/")).body()).doesNotContain("New conversation");
    }
}
