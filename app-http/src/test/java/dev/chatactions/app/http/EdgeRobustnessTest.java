package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.app.http.RawHttp.Answer;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.session.Session;
import io.helidon.http.Header;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP edge over a real socket, wired as in production against a WireMock stand-in for the
 * forge and the CI: each malformed request gets its exact status at once (never a hang or a 500),
 * every answer carries the security headers, and nothing reaches the upstream.
 */
class EdgeRobustnessTest {

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    static Path historyDir;

    private static WebServer server;
    private static Wiring wiring;
    private static Session alice;
    private static Session aliceElsewhere;

    /** One malformed request and the status it must get. {@code {auth}} stands for a signed-in page's headers. */
    record Case(String name, String request, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of(
                "FORGE_URL", upstream.baseUrl(), "FORGE_TOKEN", "forge-token-edge-1a2b", "FORGE_OWNER", "factory",
                "FORGE_REPO", "app", "WOODPECKER_SERVER", upstream.baseUrl(), "WOODPECKER_TOKEN", "ci-token-edge-3c4d",
                "CHAT_OAUTH_CLIENT_ID", "chat", "CHAT_OAUTH_CLIENT_SECRET", "client-secret-edge-5e6f",
                "DISINTO_CHAT_ALLOWED_USERS", "alice", "CHAT_PUBLIC_URL", TestServer.PUBLIC_URL);
        Map<String, String> withHistory = new HashMap<>(env);
        withHistory.put("CHAT_HISTORY_DIR", historyDir.toString());
        ServerConfig config = ServerConfig.fromEnvironment(withHistory);
        wiring = Wiring.from(config, HttpSettings.from(config, withHistory),
                new ChatModel(ChatModel.Kind.DEMO, Optional.empty(), "the test prompt", ConverseLimits.defaults()), Clock.systemUTC(),
                Metrics::globalRegistry);
        server = Main.start(wiring, "127.0.0.1", 0);
        alice = wiring.sessions.start("alice");
        aliceElsewhere = wiring.sessions.start("alice");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void nothing_was_sent_upstream() {
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    private static final String ACTION = "POST /chat/action/issue-create?conversation=0123456789ab HTTP/1.1\r\nHost: chat.test\r\n";
    private static final String JSON = "Content-Type: application/json\r\n";

    static Stream<Case> malformed() {
        String big = "x".repeat(20_000);
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            manyHeaders.append("X-H").append(i).append(": v\r\n");
        }
        return Stream.of(
                // framing
                new Case("Content-Length -1", ACTION + "{auth}" + JSON + "Content-Length: -1\r\n\r\n{}", 400),
                new Case("Content-Length not a number", ACTION + "{auth}" + JSON + "Content-Length: abc\r\n\r\n{}", 400),
                new Case("Content-Length with a sign", ACTION + "{auth}" + JSON + "Content-Length: +2\r\n\r\n{}", 400),
                new Case("two different Content-Lengths", ACTION + "{auth}" + JSON + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                new Case("Content-Length and chunked", ACTION + "{auth}" + JSON
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                new Case("Transfer-Encoding gzip", ACTION + "{auth}" + JSON + "Transfer-Encoding: gzip\r\n\r\n{}", 400),
                new Case("Transfer-Encoding chunked twice", ACTION + "{auth}" + JSON
                        + "Transfer-Encoding: chunked, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                new Case("chunk size not hex", ACTION + "{auth}" + JSON + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400),
                new Case("Content-Length -1 on logout", "POST /chat/logout HTTP/1.1\r\nHost: chat.test\r\n{auth}"
                        + "Content-Length: -1\r\n\r\n", 400),
                new Case("Content-Length -1 on render", "POST /chat/render?conversation=0123456789ab HTTP/1.1\r\nHost: chat.test\r\n{auth}"
                        + "Content-Length: -1\r\n\r\nhi", 400),
                new Case("Content-Length -1 without a session", ACTION + JSON + "Content-Length: -1\r\n\r\n{}", 400),
                // media types and encodings
                new Case("text/plain", ACTION + "{auth}Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}", 415),
                new Case("form encoding", ACTION + "{auth}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b", 415),
                new Case("multipart", ACTION + "{auth}Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 2\r\n\r\n{}", 415),
                new Case("XML", ACTION + "{auth}Content-Type: application/xml\r\nContent-Length: 4\r\n\r\n<a/>", 415),
                new Case("no Content-Type", ACTION + "{auth}Content-Length: 2\r\n\r\n{}", 415),
                new Case("JSON in UTF-16", ACTION + "{auth}Content-Type: application/json; charset=utf-16\r\nContent-Length: 2\r\n\r\n{}", 415),
                new Case("JSON with a stray parameter", ACTION + "{auth}Content-Type: application/json; q=1\r\nContent-Length: 2\r\n\r\n{}", 415),
                new Case("body not UTF-8", ACTION + "{auth}" + JSON + "Content-Length: 12\r\n\r\n{\"title\":\"\u00ff\"}", 400),
                new Case("body not JSON", ACTION + "{auth}" + JSON + "Content-Length: 5\r\n\r\nhello", 400),
                new Case("body a JSON array", ACTION + "{auth}" + JSON + "Content-Length: 2\r\n\r\n[]", 400),
                new Case("body over 256 KiB", ACTION + "{auth}" + JSON + "Content-Length: 300000\r\n\r\n{}", 413),
                new Case("body over 1 MiB on a route that reads none", "POST /chat/logout HTTP/1.1\r\nHost: chat.test\r\n{auth}"
                        + "Content-Length: 2000000\r\n\r\n{}", 413),
                // headers
                new Case("no Host", "GET /chat/ HTTP/1.1\r\n\r\n", 400),
                new Case("two Hosts", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nHost: evil.test\r\n\r\n", 400),
                new Case("Host with a space", "GET /chat/ HTTP/1.1\r\nHost: chat test\r\n\r\n", 400),
                new Case("header without a colon", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nNoColonHere\r\n\r\n", 400),
                new Case("space before the colon", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nX-Bad : v\r\n\r\n", 400),
                new Case("folded header line", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nX-A: v\r\n  folded\r\n\r\n", 400),
                new Case("NUL in a header value", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nX-A: a\u0000b\r\n\r\n", 400),
                new Case("HTTP/1.0", "GET /chat/ HTTP/1.0\r\nHost: chat.test\r\n\r\n", 505),
                new Case("HTTP/2 prior knowledge", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
                // sizes
                new Case("huge header", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nX-Big: " + big + "\r\n\r\n", 400),
                new Case("many headers", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\n" + manyHeaders + "\r\n", 400),
                new Case("overlong path", "GET /chat/c/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: chat.test\r\n\r\n", 414),
                // methods and paths
                new Case("not HTTP at all", "GARBAGE\r\n\r\n", 400),
                new Case("unknown method", "BREW /chat/ HTTP/1.1\r\nHost: chat.test\r\n\r\n", 404),
                new Case("DELETE an action", "DELETE /chat/action/issue-create HTTP/1.1\r\nHost: chat.test\r\n{auth}\r\n", 404),
                new Case("GET an action", "GET /chat/action/issue-create HTTP/1.1\r\nHost: chat.test\r\n{auth}\r\n", 404),
                new Case("action type with capitals", "POST /chat/action/Issue-Create HTTP/1.1\r\nHost: chat.test\r\n{auth}" + JSON
                        + "Content-Length: 2\r\n\r\n{}", 400),
                new Case("dot-dot in a static path", "GET /static/../../etc/passwd HTTP/1.1\r\nHost: chat.test\r\n\r\n", 404),
                new Case("encoded dot-dot in a conversation", "GET /chat/c/..%2f..%2fetc HTTP/1.1\r\nHost: chat.test\r\n{auth}\r\n", 404),
                new Case("NUL in a path", "GET /chat/c/%00 HTTP/1.1\r\nHost: chat.test\r\n{auth}\r\n", 404),
                new Case("NUL in a conversation query", ACTION.replace("0123456789ab", "%00") + "{auth}" + JSON
                        + "Content-Length: 2\r\n\r\n{}", 400),
                new Case("no such route", "GET /nowhere HTTP/1.1\r\nHost: chat.test\r\n\r\n", 404),
                // cookies, origin, CSRF
                new Case("unknown session cookie", ACTION + "Cookie: chat_session=forged\r\nOrigin: http://chat.test\r\n" + JSON
                        + "Content-Length: 2\r\n\r\n{}", 401),
                new Case("empty cookie header", ACTION + "Cookie: ;;;=\r\nOrigin: http://chat.test\r\n" + JSON + "Content-Length: 2\r\n\r\n{}", 401),
                new Case("two live sessions", "GET /chat/ HTTP/1.1\r\nHost: chat.test\r\nCookie: chat_session={session}; chat_session={other}\r\n\r\n", 400),
                new Case("Origin null", ACTION + "{auth}".replace("http://chat.test", "null") + JSON + "Content-Length: 2\r\n\r\n{}", 403),
                new Case("Origin a look-alike host", ACTION + "{auth}".replace("http://chat.test", "http://chat.test.evil") + JSON
                        + "Content-Length: 2\r\n\r\n{}", 403),
                new Case("CSRF token of another session", ACTION + "{auth}".replace("{csrf}", "{other-csrf}") + JSON
                        + "Content-Length: 2\r\n\r\n{}", 403),
                new Case("htmx request without a session", ACTION + "HX-Request: true\r\n" + JSON + "Content-Length: 2\r\n\r\n{}", 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void a_malformed_request_gets_its_status_with_the_security_headers_and_nothing_goes_upstream(Case c) {
        String auth = "Cookie: chat_session={session}\r\nX-CSRF-Token: {csrf}\r\nOrigin: http://chat.test\r\n";
        String request = c.request().replace("{auth}", auth)
                .replace("{session}", alice.id()).replace("{other}", aliceElsewhere.id())
                .replace("{other-csrf}", aliceElsewhere.csrfToken()).replace("{csrf}", alice.csrfToken());

        Answer answer = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.UTF_8), false);

        assertThat(answer.status()).as(c.name()).isEqualTo(c.status());
        for (Header header : SecurityHeaders.HEADERS) {
            assertThat(answer.header(header.name())).as(c.name() + ": " + header.name()).isEqualTo(header.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggled")
    void after_a_framing_refusal_the_connection_closes_and_the_rest_is_never_answered_as_a_request(String name, String framing)
            throws Exception {
        String hidden = "GET /health HTTP/1.1\r\nHost: chat.test\r\n\r\n";
        String request = ACTION + "Cookie: chat_session=" + alice.id() + "\r\nX-CSRF-Token: " + alice.csrfToken()
                + "\r\nOrigin: http://chat.test\r\n" + JSON + framing + "\r\n" + hidden;

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(RawHttp.ANSWER_WAIT_MS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));

            List<Integer> statuses = new ArrayList<>();
            for (int status = RawHttp.read(socket.getInputStream()).status(); status != -1;
                    status = RawHttp.read(socket.getInputStream()).status()) {
                statuses.add(status);
            }

            // Helidon may add its own 400 when it fails to skip the unread body; the hidden GET is never answered.
            assertThat(statuses).isNotEmpty().containsOnly(400);
        }
    }

    static Stream<Arguments> smuggled() {
        return Stream.of(
                Arguments.of("Content-Length -1", "Content-Length: -1\r\n"),
                Arguments.of("Content-Length and chunked", "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n"),
                Arguments.of("bad chunk", "Transfer-Encoding: chunked\r\n\r\nzz"));
    }
}
