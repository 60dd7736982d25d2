package dev.chatactions.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.upstream.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP adapter under test against WireMock on loopback: what it is built with (short connect
 * timeout, retries that record their waits instead of sleeping), what the stand-in created, and the
 * check after each test that every exchange matches the contract facts of the upstream's official API specs.
 * As an {@link UpstreamStandIn} on its own it only counts: enough for a dry run, which must send nothing.
 */
public final class WireMockUpstream implements UpstreamStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockExtension server;
    private final Clock clock;
    private final Set<String> undeclaredStatuses;
    private final List<String> specs;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /**
     * @param undeclaredStatuses statuses the upstream really sends that its spec does not list (see {@link ContractFacts})
     * @param specs the spec files every exchange must match, such as {@code contracts/woodpecker-v3.17.0.facts}
     */
    public WireMockUpstream(WireMockExtension server, Clock clock, Set<String> undeclaredStatuses, String... specs) {
        this.server = server;
        this.clock = clock;
        this.undeclaredStatuses = Set.copyOf(undeclaredStatuses);
        this.specs = List.of(specs);
    }

    public URI url() {
        return URI.create(server.baseUrl());
    }

    /** One second to connect, {@code requestTimeout} for the answer. */
    public HttpTimeouts timeouts(Duration requestTimeout) {
        return new HttpTimeouts(Duration.ofSeconds(1), requestTimeout);
    }

    /** See {@link LoopbackUpstream#recordingRetries}; the waits are in {@link #waits()}. */
    public RetryPolicy retries() {
        return LoopbackUpstream.recordingRetries(waits, clock);
    }

    public List<Duration> waits() {
        return waits;
    }

    /**
     * POSTs to {@code path} are answered with {@code answers} in turn, so each create makes a new
     * numbered object; a stub added later (a failure) wins over these.
     */
    public void createsInTurn(String path, List<ResponseDefinitionBuilder> answers) {
        String scenario = "creates at " + path;
        for (int n = 0; n < answers.size(); n++) {
            String state = n == 0 ? Scenario.STARTED : "created " + n;
            server.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(answers.get(n)).willSetStateTo("created " + (n + 1)));
        }
    }

    /** The next POST to {@code path} is refused with the status that means {@code kind}: 400, 401 or 500. */
    public void refuseNextCreate(String path, Failure.Kind kind, String contentType, String body) {
        int status = switch (kind) {
            case REJECTED -> 400;
            case UNAUTHORIZED -> 401;
            case UNAVAILABLE -> 500;
            default -> throw new IllegalArgumentException("no single answer stands for " + kind);
        };
        server.stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    /** The next POST to {@code path} is read and acted on, but the connection is reset before {@code answer} is sent. */
    public void loseNextAnswer(String path, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(answer.withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Every POST that reached the stand-in, answered or not. */
    @Override
    public int createsReceived() {
        return server.findAll(postRequestedFor(anyUrl())).size();
    }

    /** A create the stand-in acted on: the JSON the adapter sent and the JSON it was (or would have been) answered. */
    public record Created(JsonNode sent, JsonNode answer) {}

    /**
     * The POSTs to {@code path} the stand-in answered with success or cut off after reading, oldest
     * first: what a real upstream would have created.
     */
    public List<Created> created(String path) {
        List<Created> created = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) { // newest first
            boolean post = event.getRequest().getMethod().equals(RequestMethod.POST);
            if (post && event.getRequest().getUrl().startsWith(path) && event.getResponseDefinition().getStatus() < 300) {
                created.add(0, new Created(json(event.getRequest().getBodyAsString()), json(event.getResponseDefinition().getBody())));
            }
        }
        return created;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Call after each test: every recorded exchange matches every spec. */
    public void assertEveryExchangeConforms() {
        for (String spec : specs) {
            ContractFacts.load(spec).assertConforms(server.getAllServeEvents(), undeclaredStatuses);
        }
    }
}
