package dev.chatactions.app.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.chatactions.adapter.forgejo.ForgejoIssueTrackerAdapter;
import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.adapter.postgres.TestDatabase;
import dev.chatactions.adapter.woodpecker.WoodpeckerCiAdapter;
import dev.chatactions.app.http.SignInByHand.SignedIn;

import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ActionService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: servers started as real JVMs ({@link Main}) on one PostgreSQL, killed with SIGKILL while an
 * action's upstream call is in flight, {@value #KILLS} times. Each time a surviving server reads the
 * key as unknown once the dead server's lease has run out; the retry ({@link ActionService#replay} on
 * the database's history and key ledger) first asks the Forgejo stand-in whether the key created something,
 * which it answers by whether the killed server's request reached it; nothing is created twice, and
 * the chain verifies. In half the rounds the kill lands while the create request is at the forge; in
 * the others while the server still looks up the issue's label, so the create never left.
 */
class KilledInstanceTest {

    private static final int KILLS = 20;
    private static final int SPARES = 2;
    private static final String FORGE_TOKEN = "forge-token-kill-5e6f7a8b";
    private static final String CONVERSATION = "fa17fa17fa17";
    private static final String ISSUES = "/api/v1/repos/factory/app/issues";
    private static final String LABELS = "/api/v1/repos/factory/app/labels";
    /** Long enough that the kill always lands first; the stubs turn fast again before the retry. */
    private static final int SLOW_MILLIS = 20_000;
    private static final UUID CREATE_STUB = UUID.randomUUID();
    private static final UUID LABELS_STUB = UUID.randomUUID();
    private static final UUID LIST_STUB = UUID.randomUUID();

    @RegisterExtension
    static final TestDatabase database = TestDatabase.unmigrated();

    @RegisterExtension
    static WireMockExtension forge = LiveStandIns.forge();

    @RegisterExtension
    static WireMockExtension woodpecker = LiveStandIns.woodpecker();

    @TempDir
    Path workDir;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<ServerProcess> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(server -> server.process.destroyForcibly());
    }

    @Test
    void a_server_killed_mid_action_leaves_an_unknown_key_that_the_retry_reconciles_and_nothing_runs_twice()
            throws Exception {
        LiveStandIns.stubSignIn(forge, "oauth-access-token-kill-ddeeff");
        // The stubs that change from round to round, replaced by id.
        forge.stubFor(get(urlPathEqualTo(LABELS)).withId(LABELS_STUB).willReturn(okJson("[]")));
        forge.stubFor(get(urlPathEqualTo(ISSUES)).withId(LIST_STUB).willReturn(okJson("[]")));
        forge.stubFor(post(urlPathEqualTo(ISSUES)).withId(CREATE_STUB).willReturn(aResponse().withStatus(500)));
        stubLabels(0);
        List<String> created = new ArrayList<>();
        ServerProcess survivor = start();
        // Victims boot ahead, while earlier rounds run: a JVM start is the slow part of a round.
        Deque<ServerProcess> victims = new ArrayDeque<>();
        for (int spare = 0; spare < SPARES; spare++) {
            victims.add(start());
        }
        survivor.awaitReady();
        SignedIn session = SignInByHand.viaForge(client, survivor.base);
        Map<String, String> env = environment(survivor.base);
        ServerConfig config = ServerConfig.fromEnvironment(env);

        try (PostgresStore store = database.openStore()) {
            ActionService retry = new ActionService(new ActionPolicy(config.policySettings()),
                    ForgejoIssueTrackerAdapter.create(config.forge().orElseThrow()),
                    WoodpeckerCiAdapter.create(config.ci().orElseThrow()), store.history(), Clock.systemUTC(),
                    store.keyLedger(Duration.ofSeconds(1)), store.proposals());
            for (int round = 0; round < KILLS; round++) {
                ServerProcess victim = victims.remove();
                victim.awaitReady();
                boolean reachesForge = round % 2 == 0;
                String title = "Killed mid-action " + round;
                String action = reachesForge
                        ? "{\"title\":\"" + title + "\"}"
                        : "{\"title\":\"" + title + "\",\"labels\":[\"bug\"]}";
                HttpResponse<String> rendered = client.send(request(survivor.base, session, "/chat/render?conversation="
                        + CONVERSATION, "<action type=\"issue-create\">" + action + "</action>"), HttpResponse.BodyHandlers.ofString());
                List<LiveStandIns.Button> buttons = LiveStandIns.buttons(rendered.body());
                assertThat(buttons).as(rendered.body()).isNotEmpty();
                String clickPath = buttons.get(0).clickPath();
                String payload = buttons.get(0).payload();
                String key = clickPath.replaceAll(".*[?&]proposal=([^&]+).*", "$1");
                String marker = "chat-action:" + key;

                // The click on the victim hangs at the forge (or at the label lookup before the create) until the kill.
                stubCreate(SLOW_MILLIS);
                stubLabels(reachesForge ? 0 : SLOW_MILLIS);
                int labelLookups = requests("GET", LABELS, body -> true).size();
                CompletableFuture<HttpResponse<String>> click = client.sendAsync(request(victim.base, session, clickPath, payload),
                        HttpResponse.BodyHandlers.ofString());
                awaitUntil(() -> reachesForge
                        ? !requests("POST", ISSUES, body -> body.contains(marker)).isEmpty()
                        : requests("GET", LABELS, body -> true).size() > labelLookups, "the victim's upstream call");
                victim.kill();
                assertThat(click).failsWithin(Duration.ofSeconds(10));
                if (round + victims.size() + 1 < KILLS) {
                    victims.add(start());
                }
                assertThat(requests("POST", ISSUES, body -> body.contains(marker))).hasSize(reachesForge ? 1 : 0);
                if (reachesForge) {
                    created.add(marker);
                    listCreated(created);
                }
                stubCreate(0);
                stubLabels(0);

                // The survivor: running while the dead server's lease lasts, unknown after it.
                HttpResponse<String> again = awaitAnswer(() -> client.send(request(survivor.base, session, clickPath, payload),
                        HttpResponse.BodyHandlers.ofString()));
                assertThat(again.statusCode()).as(again.body()).isEqualTo(504);
                assertThat(again.body()).contains("\"outcome\":\"unknown\"");
                assertThat(requests("POST", ISSUES, body -> body.contains(marker))).hasSize(reachesForge ? 1 : 0);

                // The retry looks first, and creates only what the victim's request did not.
                ActionLine started;
                try (Stream<HistoryRecord> lines = store.history().conversation("alice", CONVERSATION)) {
                    started = lines.filter(ActionLine.class::isInstance).map(ActionLine.class::cast)
                            .filter(line -> line.key().equals(key) && line.status() == ActionStatus.STARTED)
                            .reduce((first, second) -> second).orElseThrow();
                }
                int lookupsBefore = requests("GET", ISSUES, body -> true).size();
                ActionOutcome retried = retry.replay(started);
                assertThat(retried).isInstanceOf(ActionOutcome.Done.class);
                List<ServeEvent> lookups = requests("GET", ISSUES, body -> true);
                assertThat(lookups).hasSizeGreaterThan(lookupsBefore);
                List<ServeEvent> creates = requests("POST", ISSUES, body -> body.contains(marker));
                assertThat(creates).as("created once").hasSize(1);
                if (!reachesForge) {
                    assertThat(creates.get(0).getRequest().getLoggedDate())
                            .isAfterOrEqualTo(lookups.get(lookupsBefore).getRequest().getLoggedDate());
                }
                assertThat(retry.replay(started)).isInstanceOf(ActionOutcome.AlreadyDone.class);
            }
            assertThat(requests("POST", ISSUES, body -> true)).hasSize(KILLS);
            assertThat(store.history().verify("alice", CONVERSATION).intact()).isTrue();
        }
        for (ServerProcess server : processes) {
            assertThat(Files.readString(server.log)).doesNotContain(FORGE_TOKEN);
        }
    }

    /** The create answers after {@code delayMillis}; the forge holds the issue from the moment the request arrives. */
    private static void stubCreate(int delayMillis) {
        forge.editStub(post(urlPathEqualTo(ISSUES)).withId(CREATE_STUB).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay(delayMillis)
                .withBody("{\"id\":301,\"number\":31,\"html_url\":\"" + forge.baseUrl()
                        + "/factory/app/issues/31\",\"state\":\"open\",\"title\":\"created\"}")));
    }

    /** The repository's one label, answered after {@code delayMillis}. */
    private static void stubLabels(int delayMillis) {
        forge.editStub(get(urlPathEqualTo(LABELS)).withId(LABELS_STUB)
                .willReturn(okJson("[{\"id\":5,\"name\":\"bug\"}]").withFixedDelay(delayMillis)));
    }

    /** What the forge lists: one issue for each key whose create reached it, the key marker ending its body. */
    private static void listCreated(List<String> markers) {
        StringBuilder issues = new StringBuilder("[");
        for (int i = 0; i < markers.size(); i++) {
            issues.append(i == 0 ? "" : ",").append("{\"id\":").append(400 + i).append(",\"number\":").append(40 + i)
                    .append(",\"html_url\":\"").append(forge.baseUrl()).append("/factory/app/issues/").append(40 + i)
                    .append("\",\"state\":\"open\",\"title\":\"created\",\"body\":\"\\n\\n<!-- ")
                    .append(markers.get(i)).append(" -->\"}");
        }
        forge.editStub(get(urlPathEqualTo(ISSUES)).withId(LIST_STUB).willReturn(okJson(issues.append("]").toString())));
    }

    /** The requests the forge received for {@code method path} whose body passes, oldest first. */
    private static List<ServeEvent> requests(String method, String path, Predicate<String> body) {
        return forge.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals(method)
                        && URI.create(event.getRequest().getUrl()).getPath().equals(path)
                        && body.test(event.getRequest().getBodyAsString()))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .toList();
    }

    private static HttpRequest request(URI base, SignedIn session, String pathAndQuery, String body) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrfToken())
                .header("Origin", base.toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The survivor's answer once it no longer says "running" (409), polled for a few seconds. */
    private static HttpResponse<String> awaitAnswer(Call<HttpResponse<String>> click) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> answer = click.call();
        while (answer.statusCode() == 409 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = click.call();
        }
        return answer;
    }

    private static void awaitUntil(Call<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 15 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    private Map<String, String> environment(URI base) {
        Map<String, String> env = LiveStandIns.environment(forge, FORGE_TOKEN, woodpecker, "ci-token-kill-1a2b3c4d",
                "oauth-client-secret-kill-9e8d", base, workDir.resolve("history"));
        env.put("CHAT_DATABASE_URL", database.server().url());
        env.put("CHAT_DATABASE_USER", PostgresServer.USER);
        env.put("CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD);
        env.put("CHAT_DATABASE_KEY_LEASE_SECONDS", "1");
        env.put("CHAT_ACTIONS_PER_MINUTE", "1000");
        return env;
    }

    /** An app-http server in a JVM of its own, on this test's class path. */
    private ServerProcess start() throws IOException {
        URI base = URI.create("http://127.0.0.1:" + TestServer.freePort());
        Path log = workDir.resolve("server-" + processes.size() + ".log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "-Xss512k", "-XX:TieredStopAtLevel=1",
                Main.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(base));
        ServerProcess server = new ServerProcess(base, log, builder.start());
        processes.add(server);
        return server;
    }

    private final class ServerProcess {
        final URI base;
        final Path log;
        final Process process;

        ServerProcess(URI base, Path log, Process process) {
            this.base = base;
            this.log = log;
            this.process = process;
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the server exited: " + Files.readString(log));
                }
                try {
                    if (client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the server did not start in 30 s: " + Files.readString(log));
        }

        /** SIGKILL on Linux: no shutdown hook, no last write. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }
}
