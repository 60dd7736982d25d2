package dev.chatactions.adapter.woodpecker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.PIPELINES;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.testing.CiPortContract;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import dev.chatactions.core.testing.WireMockUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Woodpecker adapter keeps the CI contract against a stand-in server that numbers the pipelines
 * it starts and lists them back with the variables the adapter sent, so reconcile reads what the
 * trigger wrote.
 */
class WoodpeckerCiContractTest extends CiPortContract {

    private static final ObjectMapper JSON = WoodpeckerApi.newMapper();

    @RegisterExtension
    static WireMockExtension server = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(WoodpeckerUnderTest.TOKEN);

    private final WireMockUpstream upstream = WoodpeckerUnderTest.ci(server);
    private final WoodpeckerCiAdapter adapter = WoodpeckerUnderTest.adapter(upstream, 7L, Duration.ofSeconds(5));

    @BeforeEach
    void theServerStartsPipelinesInTurn() {
        long now = Instant.now().getEpochSecond();
        upstream.createsInTurn(PIPELINES, List.of(okJson(pipeline(3001, 11, "pending", "k", now)),
                okJson(pipeline(3002, 12, "pending", "k", now)), okJson(pipeline(3003, 13, "pending", "k", now))));
    }

    @AfterEach
    void everyExchangeMatchesTheOfficialSpec() {
        upstream.assertEveryExchangeConforms();
    }

    @Override
    protected CiPort ci() {
        return adapter;
    }

    @Override
    protected void upstreamWillFail(Failure.Kind kind) {
        int status = switch (kind) {
            case REJECTED -> 400;
            case UNAUTHORIZED -> 401;
            case UNAVAILABLE -> 500;
            default -> throw new IllegalArgumentException("no Woodpecker answer stands for " + kind);
        };
        server.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain").withBody("refused with " + status)));
    }

    @Override
    protected void upstreamWillLoseTheAnswer() {
        server.stubFor(post(urlPathEqualTo(PIPELINES)).willReturn(
                okJson(pipeline(3050, 50, "pending", "k", Instant.now().getEpochSecond())).withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** The branch's manual pipelines, newest first, as the server lists them: with the variables the adapter sent. */
    @Override
    protected void upstreamListsWhatItCreated() {
        List<ServeEvent> newestFirst = new ArrayList<>(upstream.created(PIPELINES));
        Collections.reverse(newestFirst);
        String items = newestFirst.stream().map(WoodpeckerCiContractTest::asListed)
                .collect(Collectors.joining(",", "[", "]"));
        server.stubFor(get(urlPathEqualTo(PIPELINES)).willReturn(okJson(items)));
    }

    private static String asListed(ServeEvent trigger) {
        try {
            JsonNode answer = JSON.readTree(trigger.getResponseDefinition().getBody());
            JsonNode sent = JSON.readTree(trigger.getRequest().getBodyAsString());
            return pipeline(answer.path("id").asLong(), answer.path("number").asLong(), "success",
                    sent.path("variables").path("CHAT_ACTION_KEY").asText(), answer.path("created").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int createsReceived() {
        return upstream.postsReceived();
    }
}
