package dev.chatactions.app.http;

import io.helidon.common.Builder;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.testing.junit5.DirectClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * The server's routing ({@link Main#routing} and {@link Main#observe}: every filter, route and error
 * answer) served by Helidon's {@link DirectClient}, which hands the HTTP/1 bytes to the server through
 * memory instead of a socket. The tests keep building requests with the JDK's client API; this
 * carries them over and gives the answer back in the same shape. What lives on the listener rather
 * than the routing (connection and payload limits, idle and read timeouts, Helidon's own 400s) is
 * only on a loopback server.
 */
final class InMemoryTransport implements TestServer.Transport {

    private static final URI BASE = URI.create(TestServer.PUBLIC_URL);

    private final DirectClient client;

    private InMemoryTransport(DirectClient client) {
        this.client = client;
    }

    static InMemoryTransport serve(Wiring wiring) {
        HttpRouting.Builder routing = HttpRouting.builder();
        Main.routing(routing, wiring, new ReadDeadlines(EdgeLimits.READ_TIMEOUT));
        Main.observe().setup(new OneRouting(routing));
        return new InMemoryTransport(new DirectClient(routing));
    }

    @Override
    public HttpResponse<String> send(HttpRequest request) {
        try (HttpClientResponse response = exchange(request)) {
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            return new Answer(request, response.status().code(), headers(response), body);
        }
    }

    /**
     * Read on a thread of its own, within the time the loopback client gives a stream: Helidon's
     * in-memory connection has no read timeout, so a stream that never ends would hang the test.
     */
    @Override
    public ServerSentEvents.Result events(HttpRequest.Builder request) {
        FutureTask<ServerSentEvents.Result> read = new FutureTask<>(() -> events(request.build()));
        Thread reader = Thread.ofVirtual().name("in-memory-event-stream").start(read);
        try {
            return read.get(ServerSentEvents.STREAM_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new AssertionError("the event stream did not end within " + ServerSentEvents.STREAM_WAIT, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ServerSentEvents.Result events(HttpRequest request) {
        try (HttpClientResponse response = exchange(request);
                BufferedReader body = new BufferedReader(new InputStreamReader(response.inputStream(), StandardCharsets.UTF_8))) {
            return ServerSentEvents.read(response.status().code(),
                    response.headers().first(HeaderNames.CONTENT_TYPE).orElse(""), body.lines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI base() {
        return BASE;
    }

    @Override
    public int port() {
        throw new IllegalStateException("an in-memory server has no port: use a loopback one for tests of the socket");
    }

    @Override
    public void close() {
        client.close();
    }

    /** {@code request} sent as the JDK's client would: its method, path, headers and body, no redirects followed. */
    private HttpClientResponse exchange(HttpRequest request) {
        Http1ClientRequest sent = client.method(Method.create(request.method()))
                .uri(request.uri())
                .skipUriEncoding(true)
                .followRedirects(false);
        request.headers().map().forEach((name, values) -> sent.header(HeaderNames.create(name), values));
        byte[] body = request.bodyPublisher().map(InMemoryTransport::bytes).orElse(new byte[0]);
        boolean bodiless = body.length == 0 && (request.method().equals("GET") || request.method().equals("HEAD"));
        return bodiless ? sent.request() : sent.submit(body);
    }

    private static HttpHeaders headers(HttpClientResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(header -> headers.put(header.name(), header.allValues()));
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    /** The bytes a JDK body publisher gives (they are in memory already: a string or an array). */
    private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
        HttpResponse.BodySubscriber<byte[]> collector = HttpResponse.BodySubscribers.ofByteArray();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                collector.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                collector.onNext(List.of(item));
            }

            @Override
            public void onError(Throwable throwable) {
                collector.onError(throwable);
            }

            @Override
            public void onComplete() {
                collector.onComplete();
            }
        });
        return collector.getBody().toCompletableFuture().join();
    }

    /** An answer in the JDK client's shape. */
    private record Answer(HttpRequest request, int statusCode, HttpHeaders headers, String body) implements HttpResponse<String> {

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /**
     * A server of one default listener whose HTTP routing is {@code routing}, for a server feature such as
     * {@link Main#observe} to set itself up on (as Helidon's {@code @RoutingTest} does for its features).
     */
    private record OneRouting(HttpRouting.Builder routing)
            implements ServerFeature.ServerFeatureContext, ServerFeature.SocketBuilders, ServerFeature.RoutingBuilders {

        @Override
        public WebServerConfig serverConfig() {
            return WebServerConfig.create();
        }

        @Override
        public Set<String> sockets() {
            return Set.of();
        }

        @Override
        public boolean socketExists(String socketName) {
            return WebServer.DEFAULT_SOCKET_NAME.equals(socketName);
        }

        @Override
        public ServerFeature.SocketBuilders socket(String socketName) {
            if (!socketExists(socketName)) {
                throw new NoSuchElementException("no socket " + socketName + " in memory");
            }
            return this;
        }

        @Override
        public ListenerConfig listener() {
            return ListenerConfig.create();
        }

        @Override
        public HttpRouting.Builder httpRouting() {
            return routing;
        }

        @Override
        public ServerFeature.RoutingBuilders routingBuilders() {
            return this;
        }

        @Override
        public boolean hasRouting(Class<?> builderType) {
            return builderType == HttpRouting.Builder.class;
        }

        @Override
        public <T extends Builder<T, ?>> T routingBuilder(Class<T> builderType) {
            if (!hasRouting(builderType)) {
                throw new NoSuchElementException("no routing of " + builderType + " in memory");
            }
            return builderType.cast(routing);
        }
    }
}
