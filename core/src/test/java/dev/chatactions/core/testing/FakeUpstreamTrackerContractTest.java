package dev.chatactions.core.testing;

import dev.chatactions.core.port.IssueTrackerPort;

/** The fake forge keeps the issue tracker contract, so the use-case tests above it can trust it. */
class FakeUpstreamTrackerContractTest extends IssueTrackerPortContract {

    private final FakeUpstream fake = new FakeUpstream();

    @Override
    protected IssueTrackerPort tracker() {
        return fake;
    }

    @Override
    protected UpstreamStandIn upstream() {
        return fake;
    }
}
