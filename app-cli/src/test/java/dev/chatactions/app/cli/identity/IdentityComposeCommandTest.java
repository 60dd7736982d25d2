package dev.chatactions.app.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chatactions.app.cli.CliHarness;
import org.junit.jupiter.api.Test;

class IdentityComposeCommandTest {

    private final CliHarness cli = new CliHarness().env("HOME", "/home/ada");

    private JsonNode chatService(CliHarness.Result result) throws Exception {
        assertThat(result.exitCode()).isZero();
        JsonNode compose = new YAMLMapper().readTree(result.out());
        assertThat(compose.get("services").size()).isEqualTo(1);
        return compose.get("services").get("chat");
    }

    @Test
    void givenConfigDirMode_thenTheFragmentBindMountsTheDirAndSetsClaudesDirs() throws Exception {
        JsonNode chat = chatService(cli.run("identity", "compose"));

        JsonNode volumes = chat.get("volumes");
        assertThat(volumes.size()).isEqualTo(1);
        assertThat(volumes.get(0).get("type").asText()).isEqualTo("bind");
        assertThat(volumes.get(0).get("source").asText()).isEqualTo("/home/ada/.claude-chat");
        assertThat(volumes.get(0).get("target").asText()).isEqualTo("/home/chat/.claude-chat");
        assertThat(volumes.get(0).get("bind").get("create_host_path").asBoolean(true)).isFalse();
        assertThat(chat.get("environment").get("CLAUDE_CONFIG_DIR").asText()).isEqualTo("/home/chat/.claude-chat/config");
        assertThat(chat.get("environment").get("CLAUDE_CREDENTIALS_DIR").asText())
                .isEqualTo("/home/chat/.claude-chat/config/credentials");
    }

    @Test
    void givenApiKeyMode_thenNothingIsMountedAndTheKeyIsAReference() throws Exception {
        CliHarness.Result result = cli.env("ANTHROPIC_API_KEY", "sk-ant-never-printed").run("identity", "compose");

        JsonNode chat = chatService(result);
        assertThat(chat.has("volumes")).isFalse();
        assertThat(chat.get("environment").properties()).hasSize(1);
        assertThat(chat.get("environment").get("ANTHROPIC_API_KEY").asText()).isEqualTo("${ANTHROPIC_API_KEY}");
        assertThat(result.out()).doesNotContain("sk-ant-never-printed");
    }

    @Test
    void givenARefusal_thenNoFragmentIsPrinted() {
        CliHarness.Result result = cli.env("CHAT_CLAUDE_DIR", "/var/lib/disinto").run("identity", "compose");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("/var/lib/disinto contains the agents' shared Claude dir");
    }
}
