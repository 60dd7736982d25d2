package dev.chatactions.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.testing.ActionFixture;
import dev.chatactions.core.testing.InMemoryHistory;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line wires its ports through the adapters' factories, as the server does (WiringTest). */
class CliWiringTest {

    @Test
    void live_without_a_ci_server_a_ci_run_is_refused_as_switched_off_and_never_pretended() {
        CliConfig config = CliConfig.fromEnvironment(Map.of("FORGE_URL", "http://127.0.0.1:9",
                "FORGE_TOKEN", "forge-token-wiring-5e6f", "FORGE_OWNER", "factory", "FORGE_REPO", "app"));

        ActionOutcome outcome = CliWiring.live(config, new InMemoryHistory(), Clock.systemUTC())
                .execute(new ExecuteActionCommand("alice", "0123456789ab", "ci-run", ActionFixture.anyCiPayload(), "wiring-ci-1", null));

        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Denied.class,
                denied -> assertThat(denied.reasons()).containsExactly("ci-run is switched off in this deployment"));
    }
}
