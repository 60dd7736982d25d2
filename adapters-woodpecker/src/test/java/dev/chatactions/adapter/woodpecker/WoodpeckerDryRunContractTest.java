package dev.chatactions.adapter.woodpecker;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.testing.CiPortContract;
import dev.chatactions.core.testing.DryRunUpstreamPortContract;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.UpstreamStandIn;
import dev.chatactions.core.testing.WireMockUpstream;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dry-run twin keeps the dry-run promises for pipelines: pointed at a server, it sends it nothing. */
class WoodpeckerDryRunContractTest implements CiPortContract, DryRunUpstreamPortContract {

    @RegisterExtension
    static WireMockExtension server = LoopbackUpstream.wireMock();

    private final WireMockUpstream upstream = WoodpeckerUnderTest.ci(server);
    private final WoodpeckerDryRunCi ci = new WoodpeckerDryRunCi(upstream.url(), 7L);

    @Override
    public CiPort ci() {
        return ci;
    }

    @Override
    public UpstreamStandIn upstream() {
        return upstream;
    }
}
