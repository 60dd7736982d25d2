package dev.chatactions.adapter.woodpecker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.LOOKUP;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.PIPELINES;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.TOKEN;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.pipeline;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.repo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.testing.ContractFacts;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import dev.chatactions.core.testing.WireMockUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WoodpeckerCiAdapterTest {

    static final RepoRef REPO = new RepoRef("acme", "widgets");

    @RegisterExtension
    static WireMockExtension ci = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(TOKEN);

    private final WireMockUpstream upstream = WoodpeckerUnderTest.ci(ci);
    private final List<Duration> waits = upstream.waits();
    private final WoodpeckerCiAdapter adapter = adapter(null, Duration.ofSeconds(5));

    private WoodpeckerCiAdapter adapter(Long repoIdOverride, Duration requestTimeout) {
        return WoodpeckerUnderTest.adapter(upstream, repoIdOverride, requestTimeout);
    }

    @AfterEach
    void everyExchangeMatchesTheOfficialSpec() {
        upstream.assertEveryExchangeConforms();
    }

    private void stubLookup() {
        ci.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(okJson(repo())));
    }

    private static CiRun run() {
        return new CiRun(REPO, "main");
    }

    @Test
    void a_pipeline_is_started_with_the_key_as_a_variable_and_linked_to_the_ui() {
        stubLookup();
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(okJson(pipeline(3001, 12, "pending", "key-1", 1795550400))));

        ActionResult result = leaks.record(adapter.triggerPipeline(run(), "key-1"));

        assertThat(result.kind()).isEqualTo("pipeline");
        assertThat(result.id()).isEqualTo(3001);
        assertThat(result.number()).isEqualTo(12);
        assertThat(result.state()).isEqualTo("pending");
        assertThat(result.url()).isEqualTo(ci.baseUrl() + "/repos/7/pipeline/12");
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.response().body().fields()).containsKeys("id", "number", "status", "branch", "event", "created");
        ci.verify(postRequestedFor(urlPathEqualTo(PIPELINES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"branch\":\"main\",\"variables\":{\"CHAT_ACTION_KEY\":\"key-1\"}}")));
        ci.verify(getRequestedFor(urlPathEqualTo(LOOKUP)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void the_repository_id_is_looked_up_once_and_the_override_skips_the_lookup() {
        stubLookup();
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(okJson(pipeline(3001, 12, "pending", "k", 1795550400))));

        adapter.triggerPipeline(run(), "key-2a");
        adapter.triggerPipeline(run(), "key-2b");
        adapter(7L, Duration.ofSeconds(5)).triggerPipeline(run(), "key-2c");

        ci.verify(1, getRequestedFor(urlPathEqualTo(LOOKUP)));
        ci.verify(3, postRequestedFor(urlPathEqualTo(PIPELINES)));
    }

    @Test
    void nothing_to_run_is_explained_with_and_without_the_filtered_header() {
        stubLookup();
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(204).withHeader("Pipeline-Filtered", "true")));
        Failure filtered = leaks.failureOf(() -> adapter.triggerPipeline(run(), "key-3a"));

        assertThat(filtered.kind()).isEqualTo(Failure.Kind.NOTHING_TO_RUN);
        assertThat(filtered.status()).isEqualTo(204);
        assertThat(filtered.message()).contains("nothing to run", "\"main\"", "when.event", "manual");

        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(204)));
        Failure unfetched = leaks.failureOf(() -> adapter.triggerPipeline(run(), "key-3b"));

        assertThat(unfetched.kind()).isEqualTo(Failure.Kind.NOTHING_TO_RUN);
        assertThat(unfetched.message()).contains("could not fetch the pipeline config", "\"main\"");
    }

    @Test
    void plain_text_errors_are_kept_trimmed() {
        stubLookup();
        String longText = "invalid pipeline options:\n" + "x".repeat(900);
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/plain").withBody(longText)));

        Failure failure = leaks.failureOf(() -> adapter.triggerPipeline(run(), "key-4"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.message()).contains("invalid pipeline options: xxx");
        String kept = (String) failure.response().body().get("message");
        assertThat(kept).startsWith("invalid pipeline options: x").hasSize(501);
    }

    @Test
    void an_unknown_repository_is_said_plainly() {
        ci.stubFor(get(urlPathEqualTo(LOOKUP)).willReturn(aResponse().withStatus(404).withBody("Repo not found\n")));

        Failure failure = leaks.failureOf(() -> adapter.triggerPipeline(run(), "key-5"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.message()).contains("no active repository acme/widgets", "WOODPECKER_REPO_ID", "Repo not found");
        ci.verify(0, postRequestedFor(urlPathEqualTo(PIPELINES)));
    }

    @Test
    void a_token_refused_as_anonymous_is_unauthorized() {
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));

        Failure failure = leaks.failureOf(() -> adapter(7L, Duration.ofSeconds(5)).triggerPipeline(run(), "key-6"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
        assertThat(failure.message()).contains("WOODPECKER_TOKEN", "push access", "Unauthorized");
    }

    @Test
    void a_server_error_on_trigger_is_not_repeated() {
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(500)
                .withBody("failure to get branch head: not found")));

        Failure failure = leaks.failureOf(() -> adapter(7L, Duration.ofSeconds(5)).triggerPipeline(run(), "key-7"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.message()).contains("failure to get branch head");
        ci.verify(1, postRequestedFor(urlPathEqualTo(PIPELINES)));
    }

    @Test
    void a_429_with_retry_after_is_waited_out() {
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson(pipeline(3002, 13, "pending", "key-8", 1795550400))));

        ActionResult result = adapter(7L, Duration.ofSeconds(5)).triggerPipeline(run(), "key-8");

        assertThat(result.number()).isEqualTo(13);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a_slow_answer_or_a_reset_leaves_the_outcome_unknown() throws InterruptedException {
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Failure reset = leaks.failureOf(() -> adapter(7L, Duration.ofSeconds(5)).triggerPipeline(run(), "key-9a"));
        assertThat(reset.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(reset.retryable()).isFalse();

        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(okJson(pipeline(3003, 14, "pending", "key-9b", 1795550400))
                .withFixedDelay(1200)));
        Failure slow = leaks.failureOf(() -> adapter(7L, Duration.ofMillis(300)).triggerPipeline(run(), "key-9b"));
        assertThat(slow.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(slow.message()).contains("outcome is unknown");

        LoopbackUpstream.awaitServeEvents(ci, 2);
        ci.verify(2, postRequestedFor(urlPathEqualTo(PIPELINES)));
    }

    @Test
    void a_redirect_is_not_followed() {
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://127.0.0.1:9/api/repos/7/pipelines")));

        Failure failure = leaks.failureOf(() -> adapter(7L, Duration.ofSeconds(5)).triggerPipeline(run(), "key-10"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.message()).contains("not followed", "WOODPECKER_SERVER");
        assertThat(ci.getAllServeEvents()).hasSize(1);
    }

    @Test
    void reconcile_finds_the_pipeline_by_its_key_variable_and_stops_at_older_ones() {
        long since = 1795550400;
        ci.stubFor(get(urlPathEqualTo(PIPELINES)).withQueryParam("branch", equalTo("main"))
                .withQueryParam("event", equalTo("manual")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[" + pipeline(3005, 16, "running", "other", since + 60) + ","
                        + pipeline(3004, 15, "success", "key-11", since + 5) + ","
                        + pipeline(3000, 11, "success", "ancient", since - 3600) + "]")));

        WoodpeckerCiAdapter withId = adapter(7L, Duration.ofSeconds(5));
        ActionResult found = leaks.record(withId.findTriggered(run(), "key-11", Instant.ofEpochSecond(since)).orElseThrow());

        assertThat(found.number()).isEqualTo(15);
        assertThat(found.url()).isEqualTo(ci.baseUrl() + "/repos/7/pipeline/15");
        assertThat(withId.findTriggered(run(), "key-12", Instant.ofEpochSecond(since))).isEmpty();
        ci.verify(0, getRequestedFor(urlPathEqualTo(PIPELINES)).withQueryParam("page", equalTo("2")));
    }

    @Test
    void the_dry_run_shows_the_trigger_and_sends_nothing() {
        ActionResult unconfigured = leaks.record(new WoodpeckerDryRunCi(null, null).triggerPipeline(run(), "key-13"));
        ActionResult configured = new WoodpeckerDryRunCi(URI.create(ci.baseUrl()), 7L).triggerPipeline(run(), "key-13");

        assertThat(unconfigured.state()).isEqualTo("dry-run");
        assertThat(unconfigured.response().body().fields())
                .containsEntry("method", "POST")
                .containsEntry("url", "https://ci.example/api/repos/{repo_id}/pipelines")
                .containsEntry("repo_id_unresolved", "acme/widgets")
                .containsEntry("body", Map.of("branch", "main", "variables", Map.of("CHAT_ACTION_KEY", "key-13")));
        assertThat(configured.response().body().fields()).containsEntry("url", ci.baseUrl() + PIPELINES);
        assertThat(ci.getAllServeEvents()).isEmpty();
    }

    @Test
    void the_contract_checker_catches_an_undeclared_field_a_wrong_type_and_an_unknown_path() throws Exception {
        ci.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(okJson("{\"id\":\"not-a-number\",\"number\":1}")));
        ci.stubFor(get(urlPathEqualTo("/api/repos/7/nonsense")).willReturn(okJson("{}")));
        HttpClient raw = HttpClient.newHttpClient();
        raw.send(HttpRequest.newBuilder(URI.create(ci.baseUrl() + PIPELINES))
                .header("Authorization", "Bearer x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"branch\":\"main\",\"messsage\":\"typo\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        raw.send(HttpRequest.newBuilder(URI.create(ci.baseUrl() + "/api/repos/7/nonsense")).build(),
                HttpResponse.BodyHandlers.discarding());

        List<String> problems = ContractFacts.load("contracts/woodpecker-v3.17.0.facts").problems(ci.getAllServeEvents(), Set.of());

        assertThat(problems).anyMatch(p -> p.contains("messsage") && p.contains("not declared"))
                .anyMatch(p -> p.contains("response 200.id") && p.contains("expected an integer"))
                .anyMatch(p -> p.contains("/api/repos/7/nonsense") && p.contains("no such path"));
        ci.resetRequests();
    }
}
