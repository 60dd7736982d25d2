package dev.chatactions.core.testing;

import dev.chatactions.core.port.CiPort;

/** The fake CI keeps the CI contract, so the use-case tests above it can trust it. */
class FakeUpstreamCiContractTest implements CiPortContract, LiveUpstreamPortContract {

    private final FakeUpstream fake = new FakeUpstream();

    @Override
    public CiPort ci() {
        return fake;
    }

    @Override
    public UpstreamStandIn upstream() {
        return fake;
    }
}
