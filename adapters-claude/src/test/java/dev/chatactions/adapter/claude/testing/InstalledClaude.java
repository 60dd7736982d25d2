package dev.chatactions.adapter.claude.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real Claude Code CLI for end-to-end tests: {@code bin/test} installs it into .tools/claude. */
public final class InstalledClaude {

    private InstalledClaude() {}

    /**
     * {@code CHAT_ACTIONS_CLAUDE_BIN}, else where bin/test installs it (seen from a module's folder);
     * absent: the test is skipped, or fails when {@code CHAT_ACTIONS_REQUIRE_CLAUDE=1} (CI).
     */
    public static Path path() {
        String configured = System.getenv("CHAT_ACTIONS_CLAUDE_BIN");
        Path path = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("..", ".tools", "claude", "node_modules", "@anthropic-ai", "claude-code-linux-x64", "claude").toAbsolutePath();
        if (Files.isExecutable(path)) {
            return path;
        }
        String why = "the claude CLI is not installed at " + path + " (bin/test installs it into .tools/claude)";
        if ("1".equals(System.getenv("CHAT_ACTIONS_REQUIRE_CLAUDE"))) {
            fail(why + ", and CHAT_ACTIONS_REQUIRE_CLAUDE=1 requires it");
        }
        Assumptions.abort(why);
        return path;
    }
}
