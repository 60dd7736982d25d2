package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.testing.InMemoryHistory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActionRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUE = "{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}";
    private static final String PR = "{\"head\":\"fix/flaky\",\"base\":\"main\",\"title\":\"Fix flaky test\"}";

    private TestServer server = TestServer.start();
    private final Session alice = server.signIn("alice");

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) {
        return server.send(server.post(alice, path, body));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private List<ActionLine> actionLines() {
        return ((InMemoryHistory) server.history).records(ActionLine.class);
    }

    @Test
    void an_allowed_action_answers_200_with_what_was_created() throws Exception {
        HttpResponse<String> response = post("/chat/action/issue-create?conversation=0123456789ab", ISSUE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("done");
        assertThat(body.path("type").asText()).isEqualTo("issue-create");
        assertThat(body.path("result").path("url").asText()).isEqualTo("http://forge.test/factory/app/issue/1");
        assertThat(server.upstream.calls()).hasSize(1);
        assertThat(actionLines()).extracting(ActionLine::status).containsExactly(ActionStatus.STARTED, ActionStatus.DONE);
        assertThat(actionLines().get(1).conversation()).isEqualTo("0123456789ab");
    }

    @Test
    void without_a_session_every_action_is_401_and_nothing_runs() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/chat/action/issue-create"))
                .header("Origin", TestServer.PUBLIC_URL).POST(HttpRequest.BodyPublishers.ofString(ISSUE)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("status").asInt()).isEqualTo(401);
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_missing_or_wrong_csrf_token_is_403() throws Exception {
        HttpResponse<String> missing = server.send(server.post(alice, "/chat/action/issue-create", ISSUE)
                .setHeader("X-CSRF-Token", ""));
        HttpResponse<String> wrong = server.send(server.post(alice, "/chat/action/issue-create", ISSUE)
                .setHeader("X-CSRF-Token", server.signIn("alice").csrfToken()));

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(json(missing).path("type").asText()).isEqualTo("urn:chat-actions:problem:csrf");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_foreign_or_missing_origin_is_403() throws Exception {
        HttpResponse<String> foreign = server.send(server.post(alice, "/chat/action/issue-create", ISSUE)
                .setHeader("Origin", "http://evil.test"));
        HttpRequest.Builder noOrigin = HttpRequest.newBuilder(server.uri("/chat/action/issue-create"))
                .header("Cookie", Sessions.COOKIE + "=" + alice.id()).header("X-CSRF-Token", alice.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(ISSUE));

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).path("type").asText()).isEqualTo("urn:chat-actions:problem:origin");
        assertThat(server.send(noOrigin).statusCode()).isEqualTo(403);
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_request_the_policy_denies_is_403_with_every_reason_and_recorded() throws Exception {
        HttpResponse<String> response = post("/chat/action/issue-create", "{\"title\":\"x\",\"state\":\"closed\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("reasons").toString()).contains("unknown field \\\"state\\\"");
        assertThat(actionLines()).extracting(ActionLine::status).containsExactly(ActionStatus.DENIED);
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void an_unknown_or_destructive_type_is_403_not_404_and_recorded() throws Exception {
        HttpResponse<String> destructive = post("/chat/action/repo-delete", "{\"repo\":\"factory/app\"}");
        HttpResponse<String> unknown = post("/chat/action/wiki-create", "{}");

        assertThat(destructive.statusCode()).isEqualTo(403);
        assertThat(json(destructive).path("reasons").get(0).asText()).contains("not an additive action");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(json(unknown).path("reasons").get(0).asText()).contains("unknown action type");
        assertThat(actionLines()).extracting(ActionLine::type).containsExactly("repo-delete", "wiki-create");
    }

    @Test
    void malformed_json_is_400_and_nothing_is_recorded() throws Exception {
        HttpResponse<String> response = post("/chat/action/issue-create", "{\"title\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("detail").asText()).startsWith("the body must be one JSON object");
        assertThat(actionLines()).isEmpty();
    }

    @Test
    void a_body_over_256_kib_is_413() throws Exception {
        String huge = "{\"title\":\"x\",\"body\":\"" + "a".repeat(300 * 1024) + "\"}";

        HttpResponse<String> response = post("/chat/action/issue-create", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("type").asText()).isEqualTo("urn:chat-actions:problem:too-large");
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_chunked_body_over_256_kib_is_413_without_being_read_whole() throws Exception {
        byte[] huge = ("{\"title\":\"x\",\"body\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = server.send(server.post(alice, "/chat/action/issue-create", "")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertThat(response.request().headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void unknown_labels_are_422_naming_them() throws Exception {
        server.upstream.failNext(new Failure(Failure.Kind.UNKNOWN_LABELS, 0, false,
                "labels not found on factory/app: bug", List.of("bug"), null, null));

        HttpResponse<String> response = post("/chat/action/issue-create", ISSUE);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("labels").get(0).asText()).isEqualTo("bug");
        assertThat(json(response).path("detail").asText()).contains("bug");
    }

    @Test
    void an_existing_pull_request_is_409_with_its_number_and_link() throws Exception {
        ActionResult existing = new ActionResult("pull", 77, 7, "http://forge.test/factory/app/pulls/7", "open",
                new UpstreamResponse(200, Payload.empty()));
        server.upstream.failNext(new Failure(Failure.Kind.ALREADY_EXISTS, 409, false,
                "a pull request for fix/flaky into main already exists: #7", List.of(), existing, null));

        HttpResponse<String> response = post("/chat/action/pr-create", PR);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("existing").path("number").asLong()).isEqualTo(7);
        assertThat(json(response).path("existing").path("url").asText()).isEqualTo("http://forge.test/factory/app/pulls/7");
    }

    @Test
    void an_upstream_failure_is_502_with_the_upstream_status() throws Exception {
        server.upstream.failNext(Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "forge answered 503"));

        HttpResponse<String> response = post("/chat/action/ci-run", "{\"branch\":\"main\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("upstream_status").asInt()).isEqualTo(503);
    }

    @Test
    void a_branch_with_nothing_to_run_is_422_with_the_ci_message() throws Exception {
        server.upstream.failNext(Failure.of(Failure.Kind.NOTHING_TO_RUN, 204, false,
                "Woodpecker found no pipeline to run on branch main"));

        HttpResponse<String> response = post("/chat/action/ci-run", "{\"branch\":\"main\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("detail").asText()).isEqualTo("Woodpecker found no pipeline to run on branch main");
    }

    @Test
    void a_history_that_cannot_be_written_is_503_and_nothing_is_sent() throws Exception {
        ((InMemoryHistory) server.history).failAppends(true);

        HttpResponse<String> response = post("/chat/action/issue-create", ISSUE);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("type").asText()).isEqualTo("urn:chat-actions:problem:not-recorded");
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_lost_answer_is_504_with_an_unknown_outcome() throws Exception {
        server.upstream.loseNextAnswer();

        HttpResponse<String> response = post("/chat/action/issue-create", ISSUE);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).path("outcome").asText()).isEqualTo("unknown");
    }

    @Test
    void the_same_key_after_it_finished_answers_the_recorded_outcome_without_a_second_call() throws Exception {
        HttpResponse<String> first = server.send(server.post(alice, "/chat/action/issue-create", ISSUE).header("Idempotency-Key", "k1"));
        HttpResponse<String> again = server.send(server.post(alice, "/chat/action/issue-create", ISSUE).header("Idempotency-Key", "k1"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("replayed").asBoolean()).isTrue();
        assertThat(json(again).path("result")).isEqualTo(json(first).path("result"));
        assertThat(server.upstream.calls()).hasSize(1);
    }

    @Test
    void two_concurrent_requests_with_one_key_reach_the_upstream_once_and_the_second_gets_409() throws Exception {
        server.upstream.hold();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> server.send(server.post(alice, "/chat/action/ci-run", "{\"branch\":\"main\"}").header("Idempotency-Key", "same")));
        assertThat(server.upstream.awaitEntered()).isTrue();

        HttpResponse<String> second = server.send(server.post(alice, "/chat/action/ci-run", "{\"branch\":\"main\"}")
                .header("Idempotency-Key", "same"));
        server.upstream.release();

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("type").asText()).isEqualTo("urn:chat-actions:problem:in-progress");
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(server.upstream.calls()).hasSize(1);
    }

    @Test
    void over_the_rate_limit_is_429_with_retry_after() throws Exception {
        server.close();
        server = TestServer.withRateLimit(2);
        Session bob = server.signIn("bob");

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = server.send(server.post(bob, "/chat/action/ci-run", "{\"branch\":\"b" + i + "\"}"));
            statuses.add(last.statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(server.upstream.calls()).hasSize(2);
    }

    @Test
    void an_htmx_click_gets_the_result_fragment_instead_of_json() {
        HttpResponse<String> response = server.send(server.post(alice, "/chat/action/issue-create", ISSUE).header("HX-Request", "true"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains("<a href=\"http://forge.test/factory/app/issue/1\">Issue #1</a>");
    }

    @Test
    void every_answer_carries_the_security_headers() {
        HttpResponse<String> response = post("/chat/action/issue-create", ISSUE);

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("script-src 'self'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void health_and_metrics_are_served_at_the_top_level() {
        post("/chat/action/repo-delete", "{}");

        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health")));
        HttpResponse<String> metrics = server.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Accept", "text/plain"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("chat_actions_denied").contains("chat_actions_total");
    }

    @Test
    void an_unknown_path_is_a_404_problem() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/favicon.ico")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void an_idempotency_key_the_forge_cannot_carry_is_400_before_anything_is_recorded() throws Exception {
        HttpResponse<String> dashes = server.send(server.post(alice, "/chat/action/issue-create", ISSUE)
                .header("Idempotency-Key", "retry--1"));

        assertThat(dashes.statusCode()).isEqualTo(400);
        assertThat(json(dashes).path("detail").asText()).contains("without \"--\"");
        assertThat(actionLines()).isEmpty();
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_lone_surrogate_in_a_title_label_or_branch_is_400_and_nothing_is_recorded() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                post("/chat/action/issue-create", "{\"title\":\"a\\ud800b\"}"),
                post("/chat/action/issue-create", "{\"title\":\"t\",\"labels\":[\"\\udc00\"]}"),
                post("/chat/action/ci-run", "{\"branch\":\"fix\\ud83d\"}"),
                server.send(server.post(alice, "/chat/action/issue-create", ISSUE).header("HX-Request", "true")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"\\udfff\"}"))));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(json(answers.get(0)).path("detail").asText())
                .isEqualTo("the body must be one JSON object: text is not well-formed Unicode: a lone surrogate \\ud800 at column 20");
        assertThat(answers.get(3).body()).contains("not well-formed Unicode");
        assertThat(actionLines()).isEmpty();
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void a_malformed_idempotency_key_or_conversation_is_400() {
        HttpResponse<String> badKey = server.send(server.post(alice, "/chat/action/ci-run", "{\"branch\":\"main\"}")
                .header("Idempotency-Key", "has space"));
        HttpResponse<String> badConversation = post("/chat/action/ci-run?conversation=../../etc", "{\"branch\":\"main\"}");

        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badConversation.statusCode()).isEqualTo(400);
        assertThat(server.upstream.calls()).isEmpty();
    }
}
