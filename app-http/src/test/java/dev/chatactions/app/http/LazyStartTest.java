package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.Session;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.testing.GatedHistory;
import dev.chatactions.core.testing.InMemoryHistory;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The port opens before the history is read; until it is, an action is answered 503 "starting" and nothing runs. */
class LazyStartTest {

    private static final String ISSUE = "{\"title\":\"Flaky test\"}";

    private final InMemoryHistory stored = new InMemoryHistory();
    private final GatedHistory gated = new GatedHistory(stored);
    private final TestServer server;
    private final Session alice;

    LazyStartTest() {
        Payload request = Payload.of(Map.of("title", "Flaky test"));
        ActionResult created = new ActionResult("issue", 1001, 1, "http://forge.test/factory/app/issue/1", "open",
                new UpstreamResponse(201, Payload.of(Map.of("number", 1))));
        Instant earlier = Instant.parse("2026-11-23T19:00:00Z");
        stored.append(new ActionLine(earlier, "alice", null, "issue-create", "key-1", null, request, ActionStatus.STARTED,
                List.of(), null, null, null));
        stored.append(new ActionLine(earlier, "alice", null, "issue-create", "key-1", null, request, ActionStatus.DONE,
                List.of(), created, null, null));
        server = TestServer.withHistory(gated);
        alice = server.signIn("alice");
    }

    @AfterEach
    void stop() {
        gated.open();
        server.close();
    }

    private HttpResponse<String> retry() {
        return server.send(server.post(alice, "/chat/action/issue-create", ISSUE).header("Idempotency-Key", "key-1"));
    }

    @Test
    void a_retried_key_during_the_restore_is_503_starting_and_after_it_gets_the_recorded_outcome() {
        HttpResponse<String> starting = retry();

        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.headers().firstValue("Retry-After")).hasValue(Long.toString(Main.STARTING_RETRY_AFTER_SECONDS));
        assertThat(starting.body()).contains("starting");
        assertThat(server.upstream.calls()).isEmpty();
        assertThat(stored.records(ActionLine.class)).hasSize(2);

        gated.open();
        HttpResponse<String> restored = retry();

        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.body()).contains("http://forge.test/factory/app/issue/1");
        assertThat(server.upstream.calls()).isEmpty();
    }

    @Test
    void health_answers_200_while_the_history_is_still_being_read() throws Exception {
        WebServer started = Main.start(server.wiring, "127.0.0.1", 0);
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(server.wiring.service.isRestored()).isFalse();
        } finally {
            started.stop();
        }
    }
}
