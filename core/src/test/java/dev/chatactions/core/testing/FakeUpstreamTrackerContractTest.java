package dev.chatactions.core.testing;

import dev.chatactions.core.port.IssueTrackerPort;

/** The fake forge keeps the issue tracker contract, so the use-case tests above it can trust it. */
class FakeUpstreamTrackerContractTest implements LiveIssueTrackerPortContract {

    private final FakeUpstream fake = new FakeUpstream();

    @Override
    public IssueTrackerPort tracker() {
        return fake;
    }

    @Override
    public UpstreamStandIn upstream() {
        return fake;
    }
}
