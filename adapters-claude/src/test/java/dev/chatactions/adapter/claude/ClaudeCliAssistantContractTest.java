package dev.chatactions.adapter.claude;

import dev.chatactions.adapter.claude.testing.FakeClaude;
import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.testing.AssistantPortContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The port's contract, met by the real adapter running a fake {@code claude} script. */
class ClaudeCliAssistantContractTest extends AssistantPortContract {

    private static final ClaudeSettings.Limits LIMITS =
            FakeClaude.limits(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMinutes(2));

    @TempDir
    Path dir;

    @Override
    protected AssistantPort replying(List<String> pieces) {
        return new ClaudeCliAssistant(FakeClaude.in(dir).init().deltas(pieces).result().settings(LIMITS));
    }

    @Override
    protected AssistantPort hangingAfter(String first) {
        return new ClaudeCliAssistant(FakeClaude.in(dir).init().delta(first).shell("sleep 600").settings(LIMITS));
    }
}
