package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.adapter.history.NdjsonHistory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageRoutingTest {

    private static final String CONVERSATION = "00c0ffee0042";
    private static final String ASSISTANT = """
            I can file this for you:
            <action type="issue-create">{"title":"Flaky test","labels":["bug"]}</action>
            and open the fix: <action type="pr-create">{"head":"fix/flaky","base":"main","title":"Fix flaky test"}</action>
            then run CI: <action type="ci-run">{"branch":"fix/flaky"}</action>
            I will not delete anything: <action type="repo-delete">{"repo":"factory/app"}</action>
            and this one is broken: <action type="issue-create">{"title": nope}</action>
            """;
    private static final Pattern BUTTON = Pattern.compile(
            "hx-post=\"/chat/action/issue-create\\?conversation=" + CONVERSATION + "&amp;proposal=([^&]+)&amp;digest=([0-9a-f]{64})\"");

    private TestServer server = TestServer.start();
    private final Session alice = server.signIn("alice");

    @AfterEach
    void stop() {
        server.close();
    }

    private void conversation(String assistantText) {
        Instant ts = Instant.parse("2026-11-23T19:00:00Z");
        server.history.append(new ChatLine(ts, "alice", CONVERSATION, "user", "Can you file the <b>flaky</b> test?"));
        server.history.append(new ChatLine(ts, "alice", CONVERSATION, "assistant", assistantText));
    }

    private HttpResponse<String> page() {
        return server.send(server.get(alice, "/chat/c/" + CONVERSATION));
    }

    @Test
    void the_conversation_page_shows_buttons_denials_and_warnings() {
        conversation(ASSISTANT);

        HttpResponse<String> page = page();

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<meta name=\"csrf-token\" content=\"" + alice.csrfToken() + "\">");
        assertThat(html).contains("Create issue in <span class=\"repo\">factory/app</span>: <q>Flaky test</q>");
        assertThat(html).contains("<code>fix/flaky</code> → <code>main</code>");
        assertThat(html).contains("Run CI for <span class=\"repo\">factory/app</span> on <code>fix/flaky</code>");
        assertThat(html).contains("<button type=\"button\" disabled><span class=\"type\">repo-delete</span>")
                .contains("not an additive action");
        assertThat(html).contains("class=\"action invalid\"");
        assertThat(html).contains("Can you file the &lt;b&gt;flaky&lt;/b&gt; test?");
        assertThat(html).contains("<script src=\"" + ChatHtml.HTMX_PATH + "\"></script>").doesNotContain("<script>");
        assertThat(((InMemoryHistory) server.history).records(ProposalLine.class)).hasSize(3);
    }

    @Test
    void html_in_a_marker_or_message_renders_as_text() {
        conversation("<script>alert(1)</script> <action type=\"issue-create\">"
                + "{\"title\":\"<img src=x onerror=alert(2)>\",\"body\":\"\\\"'><script>alert(3)</script>\"}</action>");

        String html = page().body();

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("<q>&lt;img src=x onerror=alert(2)&gt;</q>");
        assertThat(html).contains("data-payload=\"{&quot;body&quot;:&quot;\\&quot;&#39;&gt;&lt;script&gt;alert(3)");
    }

    @Test
    void a_payload_changed_after_rendering_is_refused_and_the_shown_one_runs_once() throws Exception {
        conversation(ASSISTANT);
        Matcher button = BUTTON.matcher(page().body());
        assertThat(button.find()).isTrue();
        String url = "/chat/action/issue-create?conversation=" + CONVERSATION + "&proposal=" + button.group(1)
                + "&digest=" + button.group(2);

        HttpResponse<String> changed = server.send(server.post(alice, url, "{\"title\":\"Something else\",\"labels\":[\"bug\"]}"));
        HttpResponse<String> shown = server.send(server.post(alice, url, "{\"labels\":[\"bug\"],\"title\":\"Flaky test\"}"));

        assertThat(changed.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(changed.body()).path("reasons").toString()).contains("differs from proposal");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(server.upstream.calls()).hasSize(1);
    }

    @Test
    void after_a_click_and_a_restart_the_page_shows_the_recorded_outcome_and_a_second_click_runs_nothing() {
        conversation(ASSISTANT);
        Matcher button = BUTTON.matcher(page().body());
        assertThat(button.find()).isTrue();
        String url = "/chat/action/issue-create?conversation=" + CONVERSATION + "&proposal=" + button.group(1)
                + "&digest=" + button.group(2);
        assertThat(server.send(server.post(alice, url, "{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}")).statusCode()).isEqualTo(200);

        server = server.restarted();
        Session again = server.signIn("alice");
        String reloaded = server.send(server.get(again, "/chat/c/" + CONVERSATION)).body();
        HttpResponse<String> secondClick = server.send(server.post(again, url, "{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}"));

        assertThat(reloaded).contains("<a href=\"http://forge.test/factory/app/issue/1\">Issue #1</a> created");
        assertThat(BUTTON.matcher(reloaded).find()).isFalse();
        assertThat(secondClick.statusCode()).isEqualTo(200);
        assertThat(secondClick.body()).contains("\"replayed\":true");
        assertThat(server.upstream.calls()).hasSize(1);
    }

    @Test
    void render_turns_streamed_assistant_text_into_buttons_for_the_signed_in_user_only() {
        HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/chat/render"))
                .header("Origin", TestServer.PUBLIC_URL).POST(HttpRequest.BodyPublishers.ofString(ASSISTANT)));
        HttpResponse<String> rendered = server.send(server.post(alice, "/chat/render?conversation=" + CONVERSATION, ASSISTANT)
                .setHeader("Content-Type", "text/plain"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(rendered.statusCode()).isEqualTo(200);
        assertThat(BUTTON.matcher(rendered.body()).find()).isTrue();
        assertThat(rendered.body()).doesNotContain("<html");
    }

    @Test
    void a_marker_with_a_lone_surrogate_renders_as_a_warning_on_render_and_on_every_load_of_a_stored_page(@TempDir Path dir) {
        server.close();
        server = TestServer.withHistory(new NdjsonHistory(dir));
        Session signedIn = server.signIn("alice");
        String text = "Try <action type=\"issue-create\">{\"title\":\"a\\ud800b\"}</action> and "
                + "<action type=\"ci-run\">{\"branch\":\"x\\udc00\"}</action> raw \uD800 too";
        server.history.append(new ChatLine(Instant.parse("2026-11-23T19:00:00Z"), "alice", CONVERSATION, "assistant", text));

        HttpResponse<String> rendered = server.send(server.post(signedIn, "/chat/render?conversation=" + CONVERSATION,
                text.replace("\uD800", "")));
        HttpResponse<String> first = server.send(server.get(signedIn, "/chat/c/" + CONVERSATION));
        HttpResponse<String> again = server.send(server.get(signedIn, "/chat/c/" + CONVERSATION));

        assertThat(List.of(rendered, first, again)).extracting(HttpResponse::statusCode).containsOnly(200);
        for (HttpResponse<String> page : List.of(rendered, first)) {
            assertThat(page.body()).contains("class=\"action invalid\"", "not well-formed Unicode").doesNotContain("hx-post=\"/chat/action");
        }
        assertThat(first.body()).contains("raw \uFFFD too").isEqualTo(again.body());
    }

    @Test
    void the_conversation_list_links_each_conversation() {
        conversation("hello");

        HttpResponse<String> list = server.send(server.get(alice, "/chat/"));

        assertThat(list.body()).contains("<a href=\"/chat/c/" + CONVERSATION + "\">");
    }

    @Test
    void the_page_scripts_and_styles_are_served_from_our_own_origin() {
        HttpResponse<String> htmx = server.send(HttpRequest.newBuilder(server.uri(ChatHtml.HTMX_PATH)));
        HttpResponse<String> script = server.send(HttpRequest.newBuilder(server.uri("/static/chat.js")));
        HttpResponse<String> style = server.send(HttpRequest.newBuilder(server.uri("/static/chat.css")));
        HttpResponse<String> bare = server.send(server.get(alice, "/chat"));

        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("X-CSRF-Token").contains("payload-json");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(bare.statusCode()).isEqualTo(200);
    }

    @Test
    void another_users_conversation_is_not_found() {
        conversation(ASSISTANT);
        Session bob = server.signIn("bob");

        assertThat(server.send(server.get(bob, "/chat/c/" + CONVERSATION)).statusCode()).isEqualTo(404);
    }
}
