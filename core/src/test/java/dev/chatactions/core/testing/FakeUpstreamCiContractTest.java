package dev.chatactions.core.testing;

import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.CiPort;

/** The fake CI keeps the CI contract, so the use-case tests above it can trust it. */
class FakeUpstreamCiContractTest extends CiPortContract {

    private final FakeUpstream upstream = new FakeUpstream();

    @Override
    protected CiPort ci() {
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
