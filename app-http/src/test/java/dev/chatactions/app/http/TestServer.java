package dev.chatactions.app.http;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;

import dev.chatactions.core.config.Secret;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.conversation.demo.DemoAssistant;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The server on a loopback port over in-memory fakes, and a client that signs requests like the page does. */
final class TestServer implements AutoCloseable {

    static final String PUBLIC_URL = "http://chat.test";

    final FakeUpstream upstream;
    final HistoryPort history;
    final MutableClock clock;
    final Wiring wiring;
    private final WebServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestServer(FakeUpstream upstream, HistoryPort history, MutableClock clock, Optional<ForgeLogin> login,
            int perMinute, String publicUrl, int port, Wiring.Model model) {
        this(upstream, history, clock, login, perMinute, publicUrl, port, model, EdgeLimits.IDLE_TIMEOUT, EdgeLimits.READ_TIMEOUT,
                Set.of());
    }

    private TestServer(FakeUpstream upstream, HistoryPort history, MutableClock clock, Optional<ForgeLogin> login,
            int perMinute, String publicUrl, int port, Wiring.Model model, Duration idleTimeout, Duration readTimeout,
            Set<String> trustedProxies) {
        this(upstream, Store.of(history), clock, login, perMinute, publicUrl, port, model, idleTimeout, readTimeout,
                trustedProxies);
    }

    private TestServer(FakeUpstream upstream, Store store, MutableClock clock, Optional<ForgeLogin> login,
            int perMinute, String publicUrl, int port, Wiring.Model model, Duration idleTimeout, Duration readTimeout,
            Set<String> trustedProxies) {
        this.upstream = upstream;
        this.history = store.history();
        this.clock = clock;
        HttpSettings settings = new HttpSettings(URI.create(publicUrl), Set.of("alice", "bob"), Secret.of("proxy-secret", "FORWARD_AUTH_SECRET"),
                perMinute, HttpSettings.DEFAULT_SESSION_LIFETIME, trustedProxies);
        this.wiring = new Wiring(settings, new ActionPolicy(anyPolicySettings()), upstream, upstream, store, login,
                false, LinkTargets.to(List.of(URI.create("http://forge.test"))), clock, Metrics::globalRegistry, model);
        this.server = Main.start(wiring, "127.0.0.1", port, idleTimeout, readTimeout);
    }

    private TestServer(FakeUpstream upstream, HistoryPort history, MutableClock clock, Optional<ForgeLogin> login, int perMinute) {
        this(upstream, history, clock, login, perMinute, PUBLIC_URL, 0, demoModel(Duration.ZERO));
    }

    /** A server whose public URL is its own loopback address, for a real browser (its Origin must match). */
    static TestServer forBrowser() throws IOException {
        return forBrowser(demoModel(Duration.ofMillis(15)));
    }

    /** A server for a real browser whose chat model is {@code model}. */
    static TestServer forBrowser(Wiring.Model model) throws IOException {
        int port = freePort();
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.empty(), 1000, "http://127.0.0.1:" + port, port, model);
    }

    /** The demo model at {@code pace}, with the default caps and a short grace for closed pages. */
    static Wiring.Model demoModel(Duration pace) {
        return model(new DemoAssistant(pace), ConverseLimits.defaults());
    }

    static Wiring.Model model(AssistantPort assistant, ConverseLimits limits) {
        return new Wiring.Model(assistant, DemoAssistant.LABEL, "the test prompt", limits, Duration.ofMillis(300));
    }

    /** A server whose chat model is {@code assistant} under {@code limits}. */
    static TestServer withModel(AssistantPort assistant, ConverseLimits limits) {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.empty(), 1000, PUBLIC_URL, 0, model(assistant, limits));
    }

    /** A server without a model ({@code CHAT_MODEL=none}). */
    static TestServer withoutModel() {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.empty(), 1000, PUBLIC_URL, 0, new Wiring.Model(null, "no model", "p", ConverseLimits.defaults(), Duration.ofSeconds(1)));
    }

    static TestServer start() {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.empty(), 1000);
    }

    /** A server that gives up on a silent or slow client after {@code timeout} (idle and read timeouts alike). */
    static TestServer withClientTimeouts(Duration timeout) {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.empty(), 1000, PUBLIC_URL, 0, demoModel(Duration.ZERO), timeout, timeout, Set.of());
    }

    /** A server over {@code history}, e.g. real NDJSON files. */
    static TestServer withHistory(HistoryPort history) {
        return new TestServer(new FakeUpstream(), history, MutableClock.at("2026-11-23T20:00:00Z"), Optional.empty(), 1000);
    }

    /** A server whose history, key ledger and proposals are {@code store}'s (closed with the server), over {@code upstream}. */
    static TestServer withStore(FakeUpstream upstream, Store store) {
        return new TestServer(upstream, store, MutableClock.at("2026-11-23T20:00:00Z"), Optional.empty(), 1000, PUBLIC_URL, 0,
                demoModel(Duration.ZERO), EdgeLimits.IDLE_TIMEOUT, EdgeLimits.READ_TIMEOUT, Set.of());
    }

    static TestServer withRateLimit(int perMinute) {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.empty(), perMinute);
    }

    static TestServer withLogin(ForgeLogin login) {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.of(login), 1000);
    }

    /** A server with a forge login that believes {@code X-Forwarded-For} from the listed proxy addresses. */
    static TestServer withLoginBehindProxies(ForgeLogin login, Set<String> trustedProxies) {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"),
                Optional.of(login), 1000, PUBLIC_URL, 0, demoModel(Duration.ZERO), EdgeLimits.IDLE_TIMEOUT,
                EdgeLimits.READ_TIMEOUT, trustedProxies);
    }

    /** A second server over the same upstream and history, as after a restart. */
    TestServer restarted() {
        close();
        return new TestServer(upstream, history, clock, Optional.empty(), 1000);
    }

    /** A loopback port free right now, for servers whose public URL must name their port. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    Session signIn(String user) {
        return wiring.sessions.start(user);
    }

    int port() {
        return server.port();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** A POST as the page sends it: session cookie, CSRF token, same Origin. */
    HttpRequest.Builder post(Session session, String pathAndQuery, String body) {
        return HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Cookie", Sessions.COOKIE + "=" + session.id())
                .header("X-CSRF-Token", session.csrfToken())
                .header("Origin", PUBLIC_URL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpRequest.Builder get(Session session, String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).header("Cookie", Sessions.COOKIE + "=" + session.id());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        wiring.turns.close();
        try {
            wiring.store.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
