package dev.chatactions.adapter.forgejo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.ISSUES;
import static dev.chatactions.adapter.forgejo.ForgejoUnderTest.PULLS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.testing.IssueTrackerPortContract;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.MutableClock;
import dev.chatactions.core.testing.TokenLeakGuard;
import dev.chatactions.core.testing.WireMockUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
class ForgejoIssueTrackerContractTest extends IssueTrackerPortContract {

    private static final ObjectMapper JSON = ForgejoApi.newMapper();

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
    protected IssueTrackerPort tracker() {
        return tracker;
    }

    @Override
    protected void upstreamWillFail(Failure.Kind kind) {
        int status = switch (kind) {
            case REJECTED -> 404;
            case UNAUTHORIZED -> 401;
            case UNAVAILABLE -> 500;
            default -> throw new IllegalArgumentException("no Forgejo answer stands for " + kind);
        };
        String body = status == 404 ? ForgejoStubs.notFound() : ForgejoStubs.error(status == 401 ? "token is required" : "");
        forge.stubFor(post(urlPathEqualTo(ISSUES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Override
    protected void upstreamWillLoseTheAnswer() {
        forge.stubFor(post(urlPathEqualTo(ISSUES))
                .willReturn(created(ForgejoStubs.issue(950, 50, "x")).withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Issues and pull requests as the forge lists them: its answer, with the body the adapter sent. */
    @Override
    protected void upstreamListsWhatItCreated() {
        forge.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("type", equalTo("issues")).willReturn(listing(ISSUES)));
        forge.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("type", equalTo("pulls")).willReturn(listing(PULLS)));
    }

    private ResponseDefinitionBuilder listing(String path) {
        var created = upstream.created(path);
        String items = created.stream().map(ForgejoIssueTrackerContractTest::asListed).collect(Collectors.joining(",", "[", "]"));
        return okJson(items).withHeader("X-Total-Count", Integer.toString(created.size()));
    }

    private static String asListed(ServeEvent create) {
        try {
            JsonNode answer = JSON.readTree(create.getResponseDefinition().getBody());
            JsonNode sent = JSON.readTree(create.getRequest().getBodyAsString());
            return ForgejoStubs.issue(answer.path("id").asLong(), answer.path("number").asLong(), sent.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int createsReceived() {
        return upstream.postsReceived();
    }
}
