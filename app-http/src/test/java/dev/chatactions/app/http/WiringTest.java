package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.testing.ActionFixture;
import io.helidon.metrics.api.Metrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server wires its ports through the adapters' factories, as the command line does (CliWiringTest). */
class WiringTest {

    @TempDir
    Path historyDir;

    /** The production wiring of {@code env}, as {@code Main.run} builds it, without a model. */
    private static Wiring wired(Map<String, String> env) {
        ServerConfig config = ServerConfig.fromEnvironment(env);
        return Wiring.from(config, HttpSettings.from(config, env),
                new ChatModel(ChatModel.Kind.NONE, Optional.empty(), "the test prompt", ConverseLimits.defaults()), Clock.systemUTC(), Metrics::globalRegistry);
    }

    private static ActionOutcome ciRun(Wiring wiring, String key) {
        return wiring.service.execute(new ExecuteActionCommand("alice", "0123456789ab", "ci-run", ActionFixture.anyCiPayload(), key, null));
    }

    @Test
    void live_without_a_ci_server_a_ci_run_is_refused_as_switched_off_and_never_pretended() {
        Map<String, String> env = Map.of("FORGE_URL", "http://127.0.0.1:9", "FORGE_TOKEN", "forge-token-wiring-1a2b",
                "FORGE_OWNER", "factory", "FORGE_REPO", "app", "CHAT_OAUTH_CLIENT_ID", "chat",
                "CHAT_OAUTH_CLIENT_SECRET", "client-secret-wiring-3c4d", "DISINTO_CHAT_ALLOWED_USERS", "alice",
                "CHAT_HISTORY_DIR", historyDir.toString());
        Wiring wiring = wired(env);

        ActionOutcome outcome = ciRun(wiring, "wiring-ci-1");

        assertThat(wiring.dryRun).isFalse();
        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Denied.class,
                denied -> assertThat(denied.reasons()).containsExactly("ci-run is switched off in this deployment"));
    }

    @Test
    void a_dry_run_with_a_ci_server_set_shows_the_pipeline_it_would_start_and_sends_nothing() {
        // Nothing listens on port 9: a live port would fail as unavailable instead of showing the request.
        Map<String, String> env = Map.of("WOODPECKER_SERVER", "http://127.0.0.1:9", "WOODPECKER_TOKEN", "ci-token-wiring-7a8b",
                "WOODPECKER_REPO_ID", "7", "CHAT_HISTORY_DIR", historyDir.toString());
        Wiring wiring = wired(env);

        ActionOutcome outcome = ciRun(wiring, "wiring-ci-2");

        assertThat(wiring.dryRun).isTrue();
        assertThat(outcome).isInstanceOfSatisfying(ActionOutcome.Done.class, done -> {
            assertThat(done.result().dryRun()).isTrue();
            assertThat(done.result().response().body().string("url")).hasValue("http://127.0.0.1:9/api/repos/7/pipelines");
        });
    }
}
