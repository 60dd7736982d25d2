package dev.chatactions.adapter.forgejo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.testing.WireMockUpstream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** The Forgejo issue tracker under WireMock, built the same way for the adapter test and the contract test. */
final class ForgejoUnderTest {

    static final String TOKEN = "forge-pat-7f3a9c0d2e1b";
    static final String ISSUES = "/api/v1/repos/acme/widgets/issues";
    static final String PULLS = "/api/v1/repos/acme/widgets/pulls";
    static final String REPO_LABELS = "/api/v1/repos/acme/widgets/labels";
    static final String ORG_LABELS = "/api/v1/orgs/acme/labels";

    /** Statuses the contract facts do not list but Forgejo or a proxy in front of it sends (CONTRACTS.md). */
    static final Set<String> UNDECLARED = Set.of(
            "POST /repos/{owner}/{repo}/issues 401",
            "POST /repos/{owner}/{repo}/issues 302",
            "POST /repos/{owner}/{repo}/issues 400",
            "POST /repos/{owner}/{repo}/issues 429",
            "POST /repos/{owner}/{repo}/issues 500",
            "POST /repos/{owner}/{repo}/issues 503",
            "POST /repos/{owner}/{repo}/pulls 403",
            "GET /repos/{owner}/{repo}/labels 503",
            "GET /orgs/{org}/labels 403");

    private ForgejoUnderTest() {}

    /** WireMock standing in for Forgejo, held to both Forgejo specs. */
    static WireMockUpstream forge(WireMockExtension server, Clock clock) {
        return new WireMockUpstream(server, clock, UNDECLARED, "contracts/forgejo-v1.facts", "contracts/forgejo-v15.0.3.facts");
    }

    /** The adapter for acme/widgets at {@code url}, with the stand-in's timeouts and retries. */
    static ForgejoIssueTrackerAdapter tracker(WireMockUpstream forge, URI url, Duration requestTimeout, Clock clock) {
        HttpTimeouts timeouts = forge.timeouts(requestTimeout);
        return new ForgejoIssueTrackerAdapter(
                new ForgeSettings(url, Secret.of(TOKEN, "FORGE_TOKEN"), new RepoRef("acme", "widgets")), timeouts,
                ForgejoApi.newClient(timeouts), ForgejoApi.newMapper(), forge.retries(), clock);
    }
}
