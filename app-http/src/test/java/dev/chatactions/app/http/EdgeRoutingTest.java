package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.app.http.Sessions.Session;
import io.helidon.http.Header;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge rules that accept: HEAD, the JSON media types a page or client sends, stale cookies beside a live one. */
class EdgeRoutingTest {

    private static final String ISSUE = "{\"title\":\"Flaky test\"}";

    private final TestServer server = TestServer.start();
    private final Session alice = server.signIn("alice");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void head_of_the_chat_page_answers_like_get_without_a_body() {
        HttpResponse<String> get = server.send(server.get(alice, "/chat/"));
        HttpResponse<String> head = server.send(server.get(alice, "/chat/").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200).isEqualTo(get.statusCode());
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        for (Header header : SecurityHeaders.HEADERS) {
            assertThat(head.headers().firstValue(header.name())).hasValue(header.get());
        }
    }

    @Test
    void json_with_or_without_a_utf8_charset_is_accepted() {
        for (String type : new String[] {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""}) {
            HttpResponse<String> response = server.send(server.post(alice, "/chat/action/issue-create?conversation=0123456789ab", ISSUE)
                    .setHeader("Content-Type", type).header("Idempotency-Key", "media-" + type.length()));

            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(200);
        }
        assertThat(server.upstream.calls()).hasSize(3);
    }

    @Test
    void a_stale_session_cookie_beside_a_live_one_is_ignored() {
        HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/chat/"))
                .header("Cookie", Sessions.COOKIE + "=stale-from-an-old-sign-in; " + Sessions.COOKIE + "=" + alice.id()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("alice");
    }

    @Test
    void an_error_fragment_for_htmx_carries_the_security_headers() {
        HttpResponse<String> response = server.send(server.post(alice, "/chat/action/issue-create", ISSUE)
                .setHeader("X-CSRF-Token", "wrong").header("HX-Request", "true"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        for (Header header : SecurityHeaders.HEADERS) {
            assertThat(response.headers().firstValue(header.name())).hasValue(header.get());
        }
    }
}
