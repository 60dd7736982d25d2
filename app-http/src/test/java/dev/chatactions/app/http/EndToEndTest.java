package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring ({@link Main#run}) against WireMock stand-ins for Forgejo (OAuth and REST)
 * and Woodpecker: sign in, render the assistant's markers, click all three, and check what the
 * stand-ins received, what the NDJSON history holds, and that no token shows up anywhere.
 */
class EndToEndTest {

    private static final String FORGE_TOKEN = "forge-token-e2e-0f1e2d3c";
    private static final String CI_TOKEN = "woodpecker-token-e2e-4b5a6978";
    private static final String CLIENT_SECRET = "oauth-client-secret-e2e-8c9d";
    private static final String ACCESS_TOKEN = "oauth-access-token-e2e-aabbcc";
    private static final List<String> TOKENS = List.of(FORGE_TOKEN, CI_TOKEN, CLIENT_SECRET, ACCESS_TOKEN);
    private static final String CONVERSATION = "e2e0e2e0e2e0";
    private static final String ASSISTANT = """
            Filing it: <action type="issue-create">{"title":"Flaky test","body":"Seen twice.","labels":["bug"]}</action>
            The fix: <action type="pr-create">{"head":"fix/flaky","base":"main","title":"Fix flaky test"}</action>
            And CI: <action type="ci-run">{"branch":"fix/flaky"}</action>
            """;

    @RegisterExtension
    static WireMockExtension forge = LiveStandIns.forge();

    @RegisterExtension
    static WireMockExtension woodpecker = LiveStandIns.woodpecker();

    @TempDir
    Path historyDir;

    private final LiveStandIns.LogCapture logs = new LiveStandIns.LogCapture();
    private final LiveStandIns.RecordingClient client = new LiveStandIns.RecordingClient();
    private WebServer server;

    @AfterEach
    void stop() {
        logs.close();
        if (server != null) {
            server.stop();
        }
    }

    private void stubUpstreams() {
        String forgeUrl = forge.baseUrl();
        LiveStandIns.stubSignIn(forge, ACCESS_TOKEN);
        forge.stubFor(get(urlPathEqualTo("/api/v1/repos/factory/app/labels"))
                .willReturn(okJson("[{\"id\":5,\"name\":\"bug\"},{\"id\":6,\"name\":\"docs\"}]").withHeader("X-Total-Count", "2")));
        forge.stubFor(get(urlPathEqualTo("/api/v1/orgs/factory/labels")).willReturn(okJson("[]").withHeader("X-Total-Count", "0")));
        forge.stubFor(post(urlPathEqualTo("/api/v1/repos/factory/app/issues")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":101,\"number\":12,\"html_url\":\"" + forgeUrl + "/factory/app/issues/12\",\"state\":\"open\",\"title\":\"Flaky test\"}")));
        forge.stubFor(post(urlPathEqualTo("/api/v1/repos/factory/app/pulls")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":201,\"number\":13,\"html_url\":\"" + forgeUrl + "/factory/app/pulls/13\",\"state\":\"open\",\"title\":\"Fix flaky test\"}")));
        woodpecker.stubFor(post(urlPathEqualTo("/api/repos/7/pipelines")).willReturn(okJson(
                "{\"id\":301,\"number\":42,\"status\":\"pending\",\"branch\":\"fix/flaky\",\"event\":\"manual\",\"created\":1795000000}")));
    }

    @Test
    void sign_in_render_and_click_all_three_actions_against_the_stand_ins() throws Exception {
        stubUpstreams();
        new NdjsonHistory(historyDir).append(new ChatLine(Instant.parse("2026-11-23T19:00:00Z"), "alice", CONVERSATION, "assistant", ASSISTANT));
        int port = TestServer.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        server = Main.run(LiveStandIns.environment(forge, FORGE_TOKEN, woodpecker, CI_TOKEN, CLIENT_SECRET, base, historyDir));

        SignedIn alice = SignInByHand.viaForge(client.client, base);
        HttpResponse<String> rendered = client.send(HttpRequest.newBuilder(base.resolve("/chat/render?conversation=" + CONVERSATION))
                .header("Cookie", alice.cookie()).header("X-CSRF-Token", alice.csrfToken()).header("Origin", base.toString())
                .POST(HttpRequest.BodyPublishers.ofString(ASSISTANT)).build());
        List<JsonNode> results = new ArrayList<>();
        for (LiveStandIns.Button button : LiveStandIns.buttons(rendered.body())) {
            HttpResponse<String> click = client.send(HttpRequest.newBuilder(base.resolve(button.clickPath()))
                    .header("Cookie", alice.cookie()).header("X-CSRF-Token", alice.csrfToken()).header("Origin", base.toString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(button.payload())).build());
            assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
            results.add(new ObjectMapper().readTree(click.body()));
        }

        assertThat(results).extracting(r -> r.path("result").path("url").asText()).containsExactly(
                forge.baseUrl() + "/factory/app/issues/12", forge.baseUrl() + "/factory/app/pulls/13",
                woodpecker.baseUrl() + "/repos/7/pipeline/42");
        forge.verify(1, getRequestedFor(urlPathEqualTo("/login/oauth/authorize"))
                .withQueryParam("client_id", equalTo("chat-e2e"))
                .withQueryParam("code_challenge_method", equalTo("S256"))
                .withQueryParam("redirect_uri", equalTo(base + "/chat/oauth/callback")));
        forge.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/repos/factory/app/issues"))
                .withHeader("Authorization", equalTo("token " + FORGE_TOKEN))
                .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("5")))
                .withRequestBody(containing("chat-action:" + results.get(0).path("key").asText())));
        forge.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/repos/factory/app/pulls"))
                .withRequestBody(matchingJsonPath("$.head", equalTo("fix/flaky"))));
        woodpecker.verify(1, postRequestedFor(urlPathEqualTo("/api/repos/7/pipelines"))
                .withHeader("Authorization", equalTo("Bearer " + CI_TOKEN))
                .withRequestBody(matchingJsonPath("$.branch", equalTo("fix/flaky"))));

        String history = LiveStandIns.allFiles(historyDir);
        assertThat(history.lines().filter(l -> l.contains("\"role\":\"proposal\""))).hasSize(3);
        assertThat(history.lines().filter(l -> l.contains("\"role\":\"action\"") && l.contains("\"status\":\"done\""))).hasSize(3);
        for (String token : TOKENS) {
            assertThat(history).as("history").doesNotContain(token);
            assertThat(logs.text()).as("logs").doesNotContain(token);
            assertThat(client.answers()).as("responses").doesNotContain(token);
        }
    }
}
