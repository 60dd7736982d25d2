package dev.chatactions.core.testing;

import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.IssueTrackerPort;

/** The fake forge keeps the issue tracker contract, so the use-case tests above it can trust it. */
class FakeUpstreamTrackerContractTest extends IssueTrackerPortContract {

    private final FakeUpstream upstream = new FakeUpstream();

    @Override
    protected IssueTrackerPort tracker() {
        return upstream;
    }

    @Override
    protected void upstreamWillFail(Failure.Kind kind) {
        upstream.failNext(kind);
    }

    @Override
    protected void upstreamWillLoseTheAnswer() {
        upstream.loseNextAnswer();
    }

    @Override
    protected int createsReceived() {
        return upstream.calls().size();
    }
}
