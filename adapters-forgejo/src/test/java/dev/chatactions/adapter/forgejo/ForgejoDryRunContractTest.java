package dev.chatactions.adapter.forgejo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.testing.DryRunUpstreamPortContract;
import dev.chatactions.core.testing.IssueTrackerPortContract;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.MutableClock;
import dev.chatactions.core.testing.UpstreamStandIn;
import dev.chatactions.core.testing.WireMockUpstream;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dry-run twin keeps the dry-run promises for issues: pointed at a forge, it sends it nothing. */
class ForgejoDryRunContractTest implements IssueTrackerPortContract, DryRunUpstreamPortContract {

    @RegisterExtension
    static WireMockExtension forge = LoopbackUpstream.wireMock();

    private final WireMockUpstream upstream = ForgejoUnderTest.forge(forge, MutableClock.at("2026-11-23T20:00:00Z"));
    private final ForgejoDryRunIssueTracker tracker = new ForgejoDryRunIssueTracker(upstream.url());

    @Override
    public IssueTrackerPort tracker() {
        return tracker;
    }

    @Override
    public UpstreamStandIn upstream() {
        return upstream;
    }
}
