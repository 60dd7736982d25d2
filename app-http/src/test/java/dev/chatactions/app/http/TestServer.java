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
import java.util.function.Function;

/**
 * The server over in-memory fakes, and a client that signs requests like the page does. The server
 * takes requests in memory ({@link InMemoryTransport}: the same routing, no socket) unless a test's
 * meaning is the socket: the factories whose names say "loopback", and those for a browser, for
 * client timeouts and for client addresses, listen on a loopback port. TESTING.md says which tests run where.
 */
final class TestServer implements AutoCloseable {

    static final String PUBLIC_URL = "http://chat.test";

    /** Where requests reach the server: a loopback socket or memory. */
    interface Transport extends AutoCloseable {

        /** {@code request} answered, its body as text. */
        HttpResponse<String> send(HttpRequest request);

        /** A turn's event stream, read until {@code done}. */
        ServerSentEvents.Result events(HttpRequest.Builder request);

        /** The base of the URIs requests are built on. */
        URI base();

        /** The loopback port; only a socket has one. */
        int port();

        @Override
        void close();
    }

    final FakeUpstream upstream;
    final HistoryPort history;
    final MutableClock clock;
    final Wiring wiring;
    private final Function<Wiring, Transport> serve;
    private final Transport transport;

    private TestServer(FakeUpstream upstream, HistoryPort history, MutableClock clock, Optional<ForgeLogin> login,
            int perMinute, String publicUrl, Wiring.Model model, Set<String> trustedProxies, Function<Wiring, Transport> serve) {
        this(upstream, Store.of(history), clock, login, perMinute, publicUrl, model, trustedProxies, serve);
    }

    private TestServer(FakeUpstream upstream, Store store, MutableClock clock, Optional<ForgeLogin> login,
            int perMinute, String publicUrl, Wiring.Model model, Set<String> trustedProxies, Function<Wiring, Transport> serve) {
        this.upstream = upstream;
        this.history = store.history();
        this.clock = clock;
        HttpSettings settings = new HttpSettings(URI.create(publicUrl), Set.of("alice", "bob"), Secret.of("proxy-secret", "FORWARD_AUTH_SECRET"),
                perMinute, HttpSettings.DEFAULT_SESSION_LIFETIME, trustedProxies);
        this.wiring = new Wiring(settings, new ActionPolicy(anyPolicySettings()), upstream, upstream, store, login,
                false, LinkTargets.to(List.of(URI.create("http://forge.test"))), clock, Metrics::globalRegistry, model);
        this.serve = serve;
        this.transport = serve.apply(wiring);
    }

    private static TestServer inMemory(Optional<ForgeLogin> login, int perMinute, HistoryPort history, Wiring.Model model) {
        return new TestServer(new FakeUpstream(), history, MutableClock.at("2026-11-23T20:00:00Z"), login, perMinute, PUBLIC_URL,
                model, Set.of(), InMemoryTransport::serve);
    }

    private static TestServer onLoopback(Optional<ForgeLogin> login, String publicUrl, int port, Wiring.Model model,
            Set<String> trustedProxies, Duration idleTimeout, Duration readTimeout) {
        return new TestServer(new FakeUpstream(), new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"), login, 1000,
                publicUrl, model, trustedProxies, wiring -> LoopbackTransport.start(wiring, port, idleTimeout, readTimeout));
    }

    /** The server as {@link Main} starts it, on a loopback port, and the JDK's client. */
    private record LoopbackTransport(WebServer server, HttpClient client) implements Transport {

        static LoopbackTransport start(Wiring wiring, int port, Duration idleTimeout, Duration readTimeout) {
            return new LoopbackTransport(Main.start(wiring, "127.0.0.1", port, idleTimeout, readTimeout), HttpClient.newHttpClient());
        }

        @Override
        public HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public ServerSentEvents.Result events(HttpRequest.Builder request) {
            return ServerSentEvents.readAll(request);
        }

        @Override
        public URI base() {
            return URI.create("http://127.0.0.1:" + server.port());
        }

        @Override
        public int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** A server whose public URL is its own loopback address, for a real browser (its Origin must match). */
    static TestServer forBrowser() throws IOException {
        return forBrowser(demoModel(Duration.ofMillis(15)));
    }

    /** A server for a real browser whose chat model is {@code model}. */
    static TestServer forBrowser(Wiring.Model model) throws IOException {
        int port = freePort();
        return onLoopback(Optional.empty(), "http://127.0.0.1:" + port, port, model, Set.of(), EdgeLimits.IDLE_TIMEOUT, EdgeLimits.READ_TIMEOUT);
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
        return inMemory(Optional.empty(), 1000, new InMemoryHistory(), model(assistant, limits));
    }

    /** As {@link #withModel} on a loopback port, for streams a client drops or a benchmark measures. */
    static TestServer withModelOnLoopback(AssistantPort assistant, ConverseLimits limits) {
        return onLoopback(Optional.empty(), PUBLIC_URL, 0, model(assistant, limits), Set.of(), EdgeLimits.IDLE_TIMEOUT, EdgeLimits.READ_TIMEOUT);
    }

    /** A server without a model ({@code CHAT_MODEL=none}). */
    static TestServer withoutModel() {
        return inMemory(Optional.empty(), 1000, new InMemoryHistory(),
                new Wiring.Model(null, "no model", "p", ConverseLimits.defaults(), Duration.ofSeconds(1)));
    }

    static TestServer start() {
        return withHistory(new InMemoryHistory());
    }

    /** As {@link #start} on a loopback port, for requests written byte by byte. */
    static TestServer startOnLoopback() {
        return onLoopback(Optional.empty(), PUBLIC_URL, 0, demoModel(Duration.ZERO), Set.of(), EdgeLimits.IDLE_TIMEOUT, EdgeLimits.READ_TIMEOUT);
    }

    /** A server on a loopback port that gives up on a silent or slow client after {@code timeout} (idle and read timeouts alike). */
    static TestServer withClientTimeouts(Duration timeout) {
        return onLoopback(Optional.empty(), PUBLIC_URL, 0, demoModel(Duration.ZERO), Set.of(), timeout, timeout);
    }

    /** A server over {@code history}, e.g. real NDJSON files. */
    static TestServer withHistory(HistoryPort history) {
        return inMemory(Optional.empty(), 1000, history, demoModel(Duration.ZERO));
    }

    /** A server whose history, key ledger and proposals are {@code store}'s (closed with the server), over {@code upstream}. */
    static TestServer withStore(FakeUpstream upstream, Store store) {
        return new TestServer(upstream, store, MutableClock.at("2026-11-23T20:00:00Z"), Optional.empty(), 1000, PUBLIC_URL,
                demoModel(Duration.ZERO), Set.of(), InMemoryTransport::serve);
    }

    static TestServer withRateLimit(int perMinute) {
        return inMemory(Optional.empty(), perMinute, new InMemoryHistory(), demoModel(Duration.ZERO));
    }

    static TestServer withLogin(ForgeLogin login) {
        return inMemory(Optional.of(login), 1000, new InMemoryHistory(), demoModel(Duration.ZERO));
    }

    /**
     * A server on a loopback port (so each client has a real address) with a forge login that believes
     * {@code X-Forwarded-For} from the listed proxy addresses.
     */
    static TestServer withLoginBehindProxies(ForgeLogin login, Set<String> trustedProxies) {
        return onLoopback(Optional.of(login), PUBLIC_URL, 0, demoModel(Duration.ZERO), trustedProxies, EdgeLimits.IDLE_TIMEOUT,
                EdgeLimits.READ_TIMEOUT);
    }

    /** A second server over the same upstream and history, taking requests the same way, as after a restart. */
    TestServer restarted() {
        close();
        return new TestServer(upstream, history, clock, Optional.empty(), 1000, PUBLIC_URL, demoModel(Duration.ZERO), Set.of(), serve);
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
        return transport.port();
    }

    URI uri(String pathAndQuery) {
        return transport.base().resolve(pathAndQuery);
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
        return transport.send(request.build());
    }

    /** A turn's event stream, read until {@code done}. */
    ServerSentEvents.Result events(HttpRequest.Builder request) {
        return transport.events(request);
    }

    @Override
    public void close() {
        transport.close();
        wiring.turns.close();
        try {
            wiring.store.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
