package dev.chatactions.adapter.woodpecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WoodpeckerPortsTest {

    private static final CiRun RUN = new CiRun(new RepoRef("factory", "app"), "main");

    @Test
    void live_without_a_ci_server_refuses_every_call_instead_of_pretending() {
        CiPort ci = WoodpeckerPorts.live(Optional.empty());

        for (Runnable call : new Runnable[] {() -> ci.triggerPipeline(RUN, "key-1"), () -> ci.findTriggered(RUN, "key-1", Instant.EPOCH)}) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.failure().kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
                        assertThat(e.failure().retryable()).isFalse();
                    })
                    .hasMessage("no CI server is configured (set WOODPECKER_SERVER and WOODPECKER_TOKEN)");
        }
    }

    @Test
    void a_dry_run_without_a_ci_server_shows_the_placeholder_server_and_starts_nothing() {
        CiPort ci = WoodpeckerPorts.dryRun(Optional.empty());

        assertThat(ci.triggerPipeline(RUN, "key-1").response().body().string("url")).hasValueSatisfying(
                url -> assertThat(url).startsWith(WoodpeckerDryRunCi.PLACEHOLDER_SERVER + "/api/"));
        assertThat(ci.findTriggered(RUN, "key-1", Instant.EPOCH)).isEmpty();
    }
}
