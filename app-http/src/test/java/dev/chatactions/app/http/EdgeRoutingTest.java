package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.Session;
import io.helidon.http.Header;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge rules that accept: HEAD, the JSON media types a page or client sends, stale cookies beside a live one. */
class EdgeRoutingTest {

    private static final String ISSUE = "{\"title\":\"Flaky test\"}";

    private final TestServer server = TestServer.startOnLoopback();
    private final Session alice = server.signIn("alice");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void head_answers_like_get_without_a_body_on_pages_static_files_and_unknown_paths() {
        for (String path : new String[] {"/chat/", "/static/chat.js", "/nowhere"}) {
            String get = RawHttp.untilClosed(server.port(), request("GET", path));
            String head = RawHttp.untilClosed(server.port(), request("HEAD", path));

            String getHead = get.substring(0, get.indexOf("\r\n\r\n") + 4);
            assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).as(path + ": body of HEAD").isEmpty();
            assertThat(statusLine(head)).as(path).isEqualTo(statusLine(getHead));
            for (Header header : SecurityHeaders.HEADERS) {
                assertThat(head).as(path).contains(header.name() + ": " + header.get());
            }
        }
    }

    private String request(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: chat.test\r\nCookie: " + Sessions.COOKIE + "=" + alice.id()
                + "\r\nConnection: close\r\n\r\n";
    }

    private static String statusLine(String answer) {
        return answer.substring(0, answer.indexOf("\r\n"));
    }

    @Test
    void health_metrics_webjars_and_static_files_carry_the_security_headers_too() {
        for (String path : new String[] {"/health", "/metrics", ChatHtml.HTMX_PATH, "/static/chat.css", "/"}) {
            String answer = RawHttp.untilClosed(server.port(), request("GET", path));

            assertThat(statusLine(answer)).as(path).matches("HTTP/1.1 (200|303) .*");
            for (Header header : SecurityHeaders.HEADERS) {
                assertThat(answer).as(path).contains(header.name() + ": " + header.get());
            }
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
