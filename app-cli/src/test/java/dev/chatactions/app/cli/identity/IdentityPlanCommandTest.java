package dev.chatactions.app.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.app.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityPlanCommandTest {

    private static final String KEY = "sk-ant-api03-never-print-me";

    @TempDir
    Path tempDir;

    private final CliHarness cli = new CliHarness();

    @Test
    void givenHome_thenTextShowsTheModeMountAndEnvironment() {
        CliHarness.Result result = cli.env("HOME", "/home/ada").run("identity", "plan");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualToNormalizingNewlines("""
                mode:  config-dir
                mount: /home/ada/.claude-chat -> /home/chat/.claude-chat
                env:
                  CLAUDE_CONFIG_DIR=/home/chat/.claude-chat/config
                  CLAUDE_CREDENTIALS_DIR=/home/chat/.claude-chat/config/credentials
                """);
    }

    @Test
    void givenChatClaudeDir_thenJsonHasTheDocumentedShape() throws Exception {
        CliHarness.Result result = cli.env("HOME", "/home/ada").env("CHAT_CLAUDE_DIR", "/srv/chat/claude")
                .run("identity", "plan", "-o", "json");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(result.exitCode()).isZero();
        assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactly("mode", "mount", "env");
        assertThat(json.get("mode").asText()).isEqualTo("config-dir");
        assertThat(json.get("mount").get("host").asText()).isEqualTo("/srv/chat/claude");
        assertThat(json.get("mount").get("container").asText()).isEqualTo("/home/chat/.claude-chat");
        assertThat(json.get("env").get("CLAUDE_CONFIG_DIR").asText()).isEqualTo("/home/chat/.claude-chat/config");
        assertThat(json.get("env").get("CLAUDE_CREDENTIALS_DIR").asText())
                .isEqualTo("/home/chat/.claude-chat/config/credentials");
    }

    @Test
    void givenAnApiKey_thenJsonHasNoMountAndTheKeyOnlyByReference() throws Exception {
        CliHarness.Result result = cli.env("HOME", "/home/ada").env("ANTHROPIC_API_KEY", KEY)
                .run("identity", "plan", "-o", "JSON");

        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("mode").asText()).isEqualTo("api-key");
        assertThat(json.get("mount").isNull()).isTrue();
        assertThat(json.get("env").get("ANTHROPIC_API_KEY").asText()).isEqualTo("${ANTHROPIC_API_KEY}");
        assertThat(result.out() + result.err()).doesNotContain(KEY);
        assertThat(cli.run("identity", "plan").out()).contains("mount: none").doesNotContain(KEY);
    }

    @Test
    void givenTheSharedDir_thenExitOneWithOneLineNamingThePath() {
        CliHarness.Result result = cli.env("CHAT_CLAUDE_DIR", "/var/lib/disinto/claude-shared/chat")
                .run("identity", "plan", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("chat-actions: chat identity dir /var/lib/disinto/claude-shared/chat is inside")
                .hasLineCount(1);
    }

    @Test
    void givenASymlinkOnDiskIntoTheSharedDir_thenRefused() throws Exception {
        Path temp = tempDir.toRealPath();
        Path shared = Files.createDirectories(temp.resolve("agents/claude-shared"));
        Path home = Files.createDirectories(temp.resolve("home/ada"));
        Files.createSymbolicLink(home.resolve(".claude-chat"), shared);

        CliHarness.Result result = cli.env("HOME", home.toString()).env("DISINTO_CLAUDE_SHARED_DIR", shared.toString())
                .run("identity", "plan");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(home.resolve(".claude-chat") + " (resolves to " + shared + ") is the agents'");
    }

    @Test
    void givenARelativeDir_thenExitOne() {
        CliHarness.Result result = cli.env("CHAT_CLAUDE_DIR", "claude").run("identity", "plan");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("\"claude\" (from CHAT_CLAUDE_DIR) is not an absolute path");
    }
}
