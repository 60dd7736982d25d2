package dev.chatactions.adapter.forgejo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chatactions.adapter.forgejo.ForgejoStubs.error;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.ISSUES;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.ORG_LABELS;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.PULLS;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.REPO_LABELS;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.TOKEN;
import static dev.chatactions.adapter.forgejo.ForgejoStubs.issue;
import static dev.chatactions.adapter.forgejo.ForgejoStubs.label;
import static dev.chatactions.adapter.forgejo.ForgejoStubs.labels;
import static dev.chatactions.adapter.forgejo.ForgejoStubs.notFound;
import static dev.chatactions.adapter.forgejo.ForgejoStubs.pullRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.MutableClock;
import dev.chatactions.core.testing.TokenLeakGuard;
import dev.chatactions.core.testing.WireMockUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ForgejoIssueTrackerAdapterTest {

    static final RepoRef REPO = new RepoRef("acme", "widgets");

    @RegisterExtension
    static WireMockExtension forge = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(TOKEN);

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final WireMockUpstream upstream = ForgejoUnderTest.forge(forge, clock);
    private final List<Duration> waits = upstream.waits();
    private ForgejoIssueTrackerAdapter tracker;

    @BeforeEach
    void setUp() {
        tracker = adapterAt(URI.create(forge.baseUrl()), Duration.ofSeconds(5));
    }

    private ForgejoIssueTrackerAdapter adapterAt(URI url, Duration requestTimeout) {
        return ForgejoUnderTest.tracker(upstream, url, requestTimeout, clock);
    }

    @AfterEach
    void everyExchangeMatchesTheOfficialSpecs() {
        upstream.assertEveryExchangeConforms();
    }

    private void stubLabels(String path, int page, String body, int total) {
        forge.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("limit", equalTo("50"))
                .willReturn(okJson(body).withHeader("X-Total-Count", Integer.toString(total))));
    }

    private void stubNoOrg() {
        forge.stubFor(get(urlPathEqualTo(ORG_LABELS)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(notFound())));
    }

    private void stubIssueCreated() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(issue(901, 42, "x"))));
    }

    private static IssueCreate issueWith(String... labelNames) {
        return new IssueCreate(REPO, "Flaky test", "It fails on Tuesdays.", List.of(labelNames));
    }

    @Test
    void labels_are_found_on_a_later_page_and_among_the_org_labels_and_sent_as_ids() {
        stubLabels(REPO_LABELS, 1, labels(50, 1, "area-"), 51);
        stubLabels(REPO_LABELS, 2, "[" + label(77, "bug") + "]", 51);
        stubLabels(ORG_LABELS, 1, "[" + label(500, "triage") + "]", 1);
        stubIssueCreated();

        ActionResult result = leaks.record(tracker.createIssue(issueWith("bug", "triage"), "key-1"));

        assertThat(result.kind()).isEqualTo("issue");
        assertThat(result.id()).isEqualTo(901);
        assertThat(result.number()).isEqualTo(42);
        assertThat(result.url()).isEqualTo("http://forge.test/acme/widgets/issues/42");
        assertThat(result.state()).isEqualTo("open");
        assertThat(result.response().status()).isEqualTo(201);
        assertThat(result.response().body().fields()).containsEntry("html_url", "http://forge.test/acme/widgets/issues/42")
                .containsKeys("id", "number", "state", "title").doesNotContainKey("body");
        forge.verify(postRequestedFor(urlPathEqualTo(ISSUES))
                .withHeader("Authorization", equalTo("token " + TOKEN))
                .withRequestBody(matchingJsonPath("$.labels", equalTo("[ 77, 500 ]")).or(matchingJsonPath("$.labels[1]", equalTo("500"))))
                .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("77")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("It fails on Tuesdays.\n\n<!-- chat-action:key-1 -->")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Flaky test"))));
        forge.verify(1, getRequestedFor(urlPathEqualTo(REPO_LABELS)).withQueryParam("page", equalTo("2")));
    }

    @Test
    void an_owner_without_org_labels_is_a_user_and_its_repo_labels_suffice() {
        stubNoOrg();
        stubLabels(REPO_LABELS, 1, "[" + label(3, "bug") + "]", 1);
        stubIssueCreated();

        tracker.createIssue(issueWith("bug"), "key-2");

        forge.verify(postRequestedFor(urlPathEqualTo(ISSUES)).withRequestBody(matchingJsonPath("$.labels[0]", equalTo("3"))));
    }

    @Test
    void unknown_labels_fail_before_anything_is_created_and_are_named() {
        stubNoOrg();
        stubLabels(REPO_LABELS, 1, "[" + label(3, "bug") + "]", 1);

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith("bug", "urgent", "wontfix"), "key-3"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNKNOWN_LABELS);
        assertThat(failure.details()).containsExactly("urgent", "wontfix");
        assertThat(failure.message()).contains("\"urgent\"", "\"wontfix\"", "acme/widgets", "nothing was created");
        forge.verify(0, postRequestedFor(urlPathEqualTo(ISSUES)));
    }

    @Test
    void labels_are_cached_briefly_and_fetched_again_once_on_a_miss() {
        stubNoOrg();
        stubLabels(REPO_LABELS, 1, "[" + label(3, "bug") + "]", 1);
        stubIssueCreated();
        tracker.createIssue(issueWith("bug"), "key-4a");
        tracker.createIssue(issueWith("bug"), "key-4b");
        forge.verify(1, getRequestedFor(urlPathEqualTo(REPO_LABELS)));

        stubLabels(REPO_LABELS, 1, "[" + label(3, "bug") + "," + label(4, "new") + "]", 2);
        tracker.createIssue(issueWith("new"), "key-4c");
        forge.verify(2, getRequestedFor(urlPathEqualTo(REPO_LABELS)));

        clock.advance(ForgejoLabels.FRESH_FOR.plusSeconds(1));
        tracker.createIssue(issueWith("bug"), "key-4d");
        forge.verify(3, getRequestedFor(urlPathEqualTo(REPO_LABELS)));
    }

    @Test
    void an_issue_without_labels_reads_no_labels() {
        stubIssueCreated();

        tracker.createIssue(issueWith(), "key-5");

        forge.verify(0, getRequestedFor(urlPathEqualTo(REPO_LABELS)));
        forge.verify(postRequestedFor(urlPathEqualTo(ISSUES)).withRequestBody(matchingJsonPath("$[?(!@.labels)]")));
    }

    @Test
    void a_bad_token_is_unauthorized_and_names_the_scope() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(error("token is required"))));

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-6"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.message()).contains("write:issue", "token is required");
    }

    @Test
    void a_missing_scope_is_unauthorized_and_names_the_scope_for_that_call() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(error("token does not have at least one of required scope(s): [write:issue]"))));
        Failure issueFailure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-7a"));
        assertThat(issueFailure.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
        assertThat(issueFailure.message()).contains("needs scope write:issue");

        forge.stubFor(get(urlPathEqualTo(ORG_LABELS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(error("token does not have at least one of required scope(s): [read:organization]"))));
        Failure labelFailure = leaks.failureOf(() -> tracker.createIssue(issueWith("bug"), "key-7b"));
        assertThat(labelFailure.message()).contains("needs scope read:organization");

        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(error("forbidden"))));
        Failure prFailure = leaks.failureOf(() -> tracker.createPullRequest(pr("feature-x", "main"), "key-7c"));
        assertThat(prFailure.message()).contains("needs scope write:repository");
    }

    @Test
    void a_missing_repository_is_said_plainly() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(notFound())));

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-8"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.message()).contains("no repository acme/widgets (404)");
    }

    @Test
    void a_server_error_on_create_is_not_repeated_and_may_have_acted() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(error(""))));

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-9"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.retryable()).isFalse();
        forge.verify(1, postRequestedFor(urlPathEqualTo(ISSUES)));
    }

    @Test
    void a_429_with_retry_after_is_waited_out_and_the_create_repeated() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("slow down"))
                .willSetStateTo("calm"));
        forge.stubFor(post(urlPathEqualTo(ISSUES)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(issue(902, 43, "x"))));

        ActionResult result = tracker.createIssue(issueWith(), "key-10");

        assertThat(result.number()).isEqualTo(43);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        forge.verify(2, postRequestedFor(urlPathEqualTo(ISSUES)));
    }

    @Test
    void a_503_on_a_label_read_is_retried() {
        stubNoOrg();
        forge.stubFor(get(urlPathEqualTo(REPO_LABELS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        forge.stubFor(get(urlPathEqualTo(REPO_LABELS)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("[" + label(3, "bug") + "]").withHeader("X-Total-Count", "1")));
        stubIssueCreated();

        tracker.createIssue(issueWith("bug"), "key-11");

        assertThat(waits).hasSize(1);
        forge.verify(2, getRequestedFor(urlPathEqualTo(REPO_LABELS)));
    }

    @Test
    void a_create_whose_answer_is_too_slow_has_an_unknown_outcome() throws InterruptedException {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(201).withFixedDelay(1200)
                .withHeader("Content-Type", "application/json").withBody(issue(903, 44, "x"))));

        ForgejoIssueTrackerAdapter impatient = adapterAt(URI.create(forge.baseUrl()), Duration.ofMillis(300));

        Failure failure = leaks.failureOf(() -> impatient.createIssue(issueWith(), "key-12"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.message()).contains("outcome is unknown");
        // Waited for so that the delayed request cannot land in the next test.
        LoopbackUpstream.awaitServeEvents(forge, 1);
        forge.verify(1, postRequestedFor(urlPathEqualTo(ISSUES)));
    }

    @Test
    void a_connection_reset_after_sending_has_an_unknown_outcome() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-13"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        forge.verify(1, postRequestedFor(urlPathEqualTo(ISSUES)));
    }

    @Test
    void a_refused_connection_is_retried_then_unavailable_and_safe_to_retry() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ForgejoIssueTrackerAdapter unreachable = adapterAt(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(5));

        Failure failure = leaks.failureOf(() -> unreachable.createIssue(issueWith(), "key-14"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.message()).contains("could not connect", "FORGE_URL");
        assertThat(waits).hasSize(2);
    }

    @Test
    void a_redirect_is_not_followed() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", forge.baseUrl() + "/elsewhere")));

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-15"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.message()).contains("redirect", "not followed", "FORGE_URL");
        assertThat(forge.getAllServeEvents()).hasSize(1);
    }

    @Test
    void a_token_echoed_back_by_the_upstream_is_hidden() {
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/plain").withBody("bad request, header was: token " + TOKEN)));

        Failure failure = leaks.failureOf(() -> tracker.createIssue(issueWith(), "key-16"));

        assertThat(failure.message()).contains("[hidden]").doesNotContain(TOKEN);
        assertThat(String.valueOf(failure.response())).doesNotContain(TOKEN);
        assertThat(leaks.leaks()).isEmpty();
        assertThat(leaks.seenCount()).isPositive();
    }

    private static PrCreate pr(String head, String base) {
        return new PrCreate(REPO, head, base, "Fix it", "Closes #42");
    }

    @Test
    void a_pull_request_is_opened_with_the_key_in_its_body() {
        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(pullRequest(700, 12, "feature-x", "main"))));

        ActionResult result = leaks.record(tracker.createPullRequest(pr("feature-x", "main"), "key-20"));

        assertThat(result.kind()).isEqualTo("pull");
        assertThat(result.number()).isEqualTo(12);
        assertThat(result.url()).isEqualTo("http://forge.test/acme/widgets/pulls/12");
        forge.verify(postRequestedFor(urlPathEqualTo(PULLS))
                .withRequestBody(matchingJsonPath("$.head", equalTo("feature-x")))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Closes #42\n\n<!-- chat-action:key-20 -->"))));
    }

    @Test
    void an_existing_pull_request_for_the_same_branches_is_returned_with_the_conflict() {
        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody(error("pull request already exists for these targets [id: 700, issue_id: 12, head_repo_id: 3, "
                        + "base_repo_id: 3, head_branch: feature-x, base_branch: main]"))));
        forge.stubFor(get(urlPathEqualTo(PULLS + "/main/feature-x")).willReturn(okJson(pullRequest(700, 12, "feature-x", "main"))));

        Failure failure = leaks.failureOf(() -> tracker.createPullRequest(pr("feature-x", "main"), "key-21"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ALREADY_EXISTS);
        assertThat(failure.status()).isEqualTo(409);
        assertThat(failure.existing().number()).isEqualTo(12);
        assertThat(failure.existing().url()).isEqualTo("http://forge.test/acme/widgets/pulls/12");
        assertThat(failure.message()).contains("#12", "already exists");
    }

    @Test
    void a_conflict_whose_pull_request_cannot_be_fetched_still_says_it_exists_with_forgejos_words() {
        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody(error("pull request already exists for these targets [id: 700, issue_id: 12]"))));
        forge.stubFor(get(urlPathEqualTo(PULLS + "/main/feature-x")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(notFound())));

        Failure failure = leaks.failureOf(() -> tracker.createPullRequest(pr("feature-x", "main"), "key-23"));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ALREADY_EXISTS);
        assertThat(failure.existing()).isNull();
        assertThat(failure.message()).contains("already exists", "issue_id: 12");
    }

    @Test
    void a_missing_branch_and_a_pointless_pull_request_get_clear_messages() {
        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(notFound())));
        Failure missing = leaks.failureOf(() -> tracker.createPullRequest(pr("nope", "main"), "key-22a"));
        assertThat(missing.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(missing.message()).contains("no branch \"nope\" or \"main\"", "(404)");

        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody(error("no changes between the head and the base"))));
        Failure same = leaks.failureOf(() -> tracker.createPullRequest(pr("main", "main"), "key-22b"));
        assertThat(same.status()).isEqualTo(422);
        assertThat(same.message()).contains("must differ", "no changes between the head and the base");
    }

    @Test
    void reconcile_finds_what_an_earlier_attempt_created_by_its_key() {
        forge.stubFor(get(urlPathEqualTo(ISSUES))
                .withQueryParam("type", equalTo("issues")).withQueryParam("state", equalTo("all"))
                .withQueryParam("since", equalTo("2026-11-23T19:55:00Z"))
                .willReturn(okJson("[" + issue(904, 45, "other\n\n<!-- chat-action:key-30x -->") + ","
                        + issue(905, 46, "mine\n\n<!-- chat-action:key-30 -->\n") + "]").withHeader("X-Total-Count", "2")));

        Optional<ActionResult> found = tracker.findCreated(issueWith(), "key-30", Instant.parse("2026-11-23T20:00:00Z"));
        Optional<ActionResult> missing = tracker.findCreated(issueWith(), "key-31", Instant.parse("2026-11-23T20:00:00Z"));

        assertThat(found).get().extracting(ActionResult::number).isEqualTo(46L);
        assertThat(found.get().kind()).isEqualTo("issue");
        assertThat(missing).isEmpty();
    }

    @Test
    void reconcile_of_a_pull_request_lists_pulls() {
        forge.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("type", equalTo("pulls"))
                .willReturn(okJson("[]").withHeader("X-Total-Count", "0")));

        assertThat(tracker.findCreated(pr("feature-x", "main"), "key-32", clock.instant())).isEmpty();
        forge.verify(1, getRequestedFor(urlPathEqualTo(ISSUES)).withQueryParam("type", equalTo("pulls")));
    }

    @Test
    void the_dry_run_shows_the_very_request_the_adapter_sends_and_sends_nothing() throws Exception {
        forge.stubFor(post(urlPathEqualTo(PULLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(pullRequest(700, 12, "feature-x", "main"))));
        tracker.createPullRequest(pr("feature-x", "main"), "key-40");
        JsonNode sent = ForgejoApi.newMapper().readTree(forge.getAllServeEvents().get(0).getRequest().getBodyAsString());
        forge.resetRequests();

        ActionResult dry = leaks.record(new ForgejoDryRunIssueTracker(URI.create(forge.baseUrl()))
                .createPullRequest(pr("feature-x", "main"), "key-40"));

        assertThat(forge.getAllServeEvents()).isEmpty();
        assertThat(dry.state()).isEqualTo("dry-run");
        assertThat(dry.response().status()).isZero();
        Map<String, Object> shown = dry.response().body().fields();
        assertThat(shown).containsEntry("method", "POST").containsEntry("url", forge.baseUrl() + PULLS);
        JsonNode shownBody = ForgejoApi.newMapper().valueToTree(shown.get("body"));
        assertThat(shownBody).isEqualTo(sent);
    }

    @Test
    void the_dry_run_works_without_a_configured_forge_and_leaves_label_names_unresolved() {
        ActionResult dry = new ForgejoDryRunIssueTracker(null).createIssue(issueWith("bug"), "key-41");

        assertThat(dry.response().body().fields())
                .containsEntry("dry_run", true)
                .containsEntry("url", "https://forge.example" + ISSUES)
                .containsEntry("labels_unresolved", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) dry.response().body().get("body");
        assertThat(body).containsEntry("labels", List.of("bug"))
                .containsEntry("body", "It fails on Tuesdays.\n\n<!-- chat-action:key-41 -->");
        assertThat(forge.getAllServeEvents()).isEmpty();
    }
}
