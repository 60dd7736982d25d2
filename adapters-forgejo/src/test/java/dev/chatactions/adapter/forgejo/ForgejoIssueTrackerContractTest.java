package dev.chatactions.adapter.forgejo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.ISSUES;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.PULLS;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.testing.LiveIssueTrackerPortContract;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.MutableClock;
import dev.chatactions.core.testing.TokenLeakGuard;
import dev.chatactions.core.testing.UpstreamStandIn;
import dev.chatactions.core.testing.WireMockUpstream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Forgejo adapter keeps the issue tracker contract against a stand-in forge that numbers what it
 * creates and lists it back with the body the adapter sent, so reconcile reads what create wrote.
 */
class ForgejoIssueTrackerContractTest implements LiveIssueTrackerPortContract, UpstreamStandIn {

    @RegisterExtension
    static WireMockExtension forge = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(ForgejoUnderTest.TOKEN);

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final WireMockUpstream upstream = ForgejoUnderTest.forge(forge, clock);
    private final ForgejoIssueTrackerAdapter tracker =
            ForgejoUnderTest.tracker(upstream, upstream.url(), Duration.ofSeconds(5), clock);

    @BeforeEach
    void theForgeCreatesInTurn() {
        upstream.createsInTurn(ISSUES, List.of(created(ForgejoStubs.issue(901, 41, "x")),
                created(ForgejoStubs.issue(902, 42, "x")), created(ForgejoStubs.issue(903, 43, "x"))));
        forge.stubFor(post(urlPathEqualTo(PULLS))
                .willReturn(created(ForgejoStubs.pullRequest(700, 12, "feature-x", "main"))));
    }

    @AfterEach
    void everyExchangeMatchesTheOfficialSpecs() {
        upstream.assertEveryExchangeConforms();
    }

    private static ResponseDefinitionBuilder created(String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public IssueTrackerPort tracker() {
        return tracker;
    }

    @Override
    public UpstreamStandIn upstream() {
        return this;
    }

    @Override
    public void willFail(Failure.Kind kind) {
        upstream.refuseNextCreate(ISSUES, kind, "application/json", ForgejoStubs.error("refused"));
    }

    @Override
    public void willLoseTheAnswer() {
        upstream.loseNextAnswer(ISSUES, created(ForgejoStubs.issue(950, 50, "x")));
    }

    /** Issues and pull requests as the forge lists them: its answer, with the body the adapter sent. */
    @Override
    public void listsWhatItCreated() {
        forge.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("type", equalTo("issues")).willReturn(listing(ISSUES)));
        forge.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("type", equalTo("pulls")).willReturn(listing(PULLS)));
    }

    private ResponseDefinitionBuilder listing(String path) {
        List<WireMockUpstream.Created> created = upstream.created(path);
        String items = created.stream()
                .map(c -> ForgejoStubs.issue(c.answer().path("id").asLong(), c.answer().path("number").asLong(),
                        c.sent().path("body").asText()))
                .collect(Collectors.joining(",", "[", "]"));
        return okJson(items).withHeader("X-Total-Count", Integer.toString(created.size()));
    }

    @Override
    public int createsReceived() {
        return upstream.createsReceived();
    }
}
