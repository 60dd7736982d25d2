package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.adapter.postgres.TestDatabase;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers started by the production wiring ({@link Main#run}) on one PostgreSQL (whose schema the
 * first one migrates at start-up), against a WireMock Forgejo: a person signed in twice on each, and
 * 200 concurrent clicks on one button spread over both servers and all four sessions, reach the
 * forge once; so do 200 requests with one {@code Idempotency-Key}.
 */
class PostgresEndToEndTest {

    private static final String FORGE_TOKEN = "forge-token-pg-0f1e2d3c";
    private static final String CONVERSATION = "0123456789ab";
    private static final String ISSUES = "/api/v1/repos/factory/app/issues";
    private static final int REQUESTS = 200;

    @RegisterExtension
    static final TestDatabase database = TestDatabase.unmigrated();

    @RegisterExtension
    static WireMockExtension forge = LiveStandIns.forge();

    @RegisterExtension
    static WireMockExtension woodpecker = LiveStandIns.woodpecker();

    @TempDir
    Path historyDir;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<WebServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(WebServer::stop);
    }

    /** One signed-in page: the server it talks to and its session. */
    private record Page(URI base, SignedIn session) {
        HttpRequest.Builder post(String pathAndQuery, String body) {
            return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                    .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrfToken())
                    .header("Origin", base.toString()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
    }

    private URI startInstance() throws Exception {
        int port = TestServer.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Map<String, String> env = LiveStandIns.environment(forge, FORGE_TOKEN, woodpecker, "ci-token-pg-4b5a6978",
                "oauth-client-secret-pg-8c9d", base, historyDir);
        env.put("CHAT_DATABASE_URL", database.server().url());
        env.put("CHAT_DATABASE_USER", PostgresServer.USER);
        env.put("CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD);
        env.put("CHAT_ACTIONS_PER_MINUTE", "1000"); // the per-instance rate limit is not what this test is about
        servers.add(Main.run(env));
        return base;
    }

    @Test
    void two_servers_on_one_database_reach_the_forge_once_per_button_and_once_per_key() throws Exception {
        LiveStandIns.stubSignIn(forge, "oauth-access-token-pg-aabbcc");
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":101,\"number\":12,\"html_url\":\"" + forge.baseUrl()
                        + "/factory/app/issues/12\",\"state\":\"open\",\"title\":\"Flaky test\"}")));
        URI first = startInstance();
        URI second = startInstance();
        List<Page> pages = new ArrayList<>();
        for (URI base : List.of(first, first, second, second)) {
            pages.add(new Page(base, SignInByHand.viaForge(client, base)));
        }

        HttpResponse<String> rendered = client.send(pages.get(0).post("/chat/render?conversation=" + CONVERSATION,
                "Filing it: <action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>").build(),
                HttpResponse.BodyHandlers.ofString());
        List<LiveStandIns.Button> buttons = LiveStandIns.buttons(rendered.body());
        assertThat(buttons).as(rendered.body()).isNotEmpty();
        String clickPath = buttons.get(0).clickPath();
        String payload = buttons.get(0).payload();

        List<HttpResponse<String>> clicks = concurrently(page -> page.post(clickPath, payload), pages);
        assertThat(clicks).allSatisfy(click -> assertThat(click.statusCode()).as(click.body()).isIn(200, 409));
        assertThat(clicks).anySatisfy(click -> assertThat(click.statusCode()).isEqualTo(200));
        forge.verify(1, postRequestedFor(urlPathEqualTo(ISSUES)));

        List<HttpResponse<String>> keyed = concurrently(page -> page.post("/chat/action/issue-create?conversation=" + CONVERSATION,
                "{\"title\":\"Another flaky test\"}").header("Idempotency-Key", "one-key-for-all"), pages);
        assertThat(keyed).allSatisfy(request -> assertThat(request.statusCode()).as(request.body()).isIn(200, 409));
        forge.verify(2, postRequestedFor(urlPathEqualTo(ISSUES)));

        try (PostgresStore store = database.openStore()) {
            assertThat(store.history().verify("alice", CONVERSATION).intact()).isTrue();
        }
    }

    /** {@value #REQUESTS} requests at once, spread over the pages in turn. */
    private List<HttpResponse<String>> concurrently(Function<Page, HttpRequest.Builder> request, List<Page> pages)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest built = request.apply(pages.get(i % pages.size())).build();
                answers.add(clients.submit((Callable<HttpResponse<String>>) () -> {
                    go.await();
                    return client.send(built, HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            clients.shutdownNow();
        }
    }
}
