package dev.chatactions.adapter.woodpecker;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.PIPELINES;
import static dev.chatactions.adapter.woodpecker.WoodpeckerUnderTest.pipeline;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.testing.CiPortContract;
import dev.chatactions.core.testing.LiveUpstreamPortContract;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import dev.chatactions.core.testing.UpstreamStandIn;
import dev.chatactions.core.testing.WireMockUpstream;
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
class WoodpeckerCiContractTest implements CiPortContract, LiveUpstreamPortContract, UpstreamStandIn {

    @RegisterExtension
    static WireMockExtension server = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(WoodpeckerUnderTest.TOKEN);

    private final long now = Instant.now().getEpochSecond();
    private final WireMockUpstream upstream = WoodpeckerUnderTest.ci(server);
    private final WoodpeckerCiAdapter adapter = WoodpeckerUnderTest.adapter(upstream, 7L, Duration.ofSeconds(5));

    @BeforeEach
    void theServerStartsPipelinesInTurn() {
        upstream.createsInTurn(PIPELINES, List.of(okJson(pipeline(3001, 11, "pending", "k", now)),
                okJson(pipeline(3002, 12, "pending", "k", now)), okJson(pipeline(3003, 13, "pending", "k", now))));
    }

    @AfterEach
    void everyExchangeMatchesTheOfficialSpec() {
        upstream.assertEveryExchangeConforms();
    }

    @Override
    public CiPort ci() {
        return adapter;
    }

    @Override
    public UpstreamStandIn upstream() {
        return this;
    }

    @Override
    public void willFail(Failure.Kind kind) {
        upstream.refuseNextCreate(PIPELINES, kind, "text/plain", "refused");
    }

    @Override
    public void willLoseTheAnswer() {
        upstream.loseNextAnswer(PIPELINES, okJson(pipeline(3050, 50, "pending", "k", now)));
    }

    /** The branch's manual pipelines, newest first, as the server lists them: with the variables the adapter sent. */
    @Override
    public void listsWhatItCreated() {
        List<WireMockUpstream.Created> newestFirst = new ArrayList<>(upstream.created(PIPELINES));
        Collections.reverse(newestFirst);
        String items = newestFirst.stream()
                .map(c -> pipeline(c.answer().path("id").asLong(), c.answer().path("number").asLong(), "success",
                        c.sent().path("variables").path("CHAT_ACTION_KEY").asText(), now))
                .collect(Collectors.joining(",", "[", "]"));
        server.stubFor(get(urlPathEqualTo(PIPELINES)).willReturn(okJson(items)));
    }

    @Override
    public int createsReceived() {
        return upstream.createsReceived();
    }
}
