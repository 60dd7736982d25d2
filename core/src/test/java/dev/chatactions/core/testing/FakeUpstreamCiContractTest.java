package dev.chatactions.core.testing;

import dev.chatactions.core.port.CiPort;

/** The fake CI keeps the CI contract, so the use-case tests above it can trust it. */
class FakeUpstreamCiContractTest extends CiPortContract {

    private final FakeUpstream fake = new FakeUpstream();

    @Override
    protected CiPort ci() {
        return fake;
    }

    @Override
    protected UpstreamStandIn upstream() {
        return fake;
    }
}
