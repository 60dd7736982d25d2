package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatModelTest {

    private static final RepoRef REPO = new RepoRef("acme", "shop");

    @TempDir
    Path dir;

    @Test
    void unset_or_demo_picks_the_demo_model_and_none_picks_no_model() {
        assertThat(ChatModel.from(Map.of(), REPO, name -> Optional.empty()).kind()).isEqualTo(ChatModel.Kind.DEMO);
        assertThat(ChatModel.from(Map.of("CHAT_MODEL", "demo"), REPO, name -> Optional.empty()).label()).isEqualTo("demo model");
        assertThat(ChatModel.from(Map.of("CHAT_MODEL", "none"), REPO, name -> Optional.empty()).kind()).isEqualTo(ChatModel.Kind.NONE);
    }

    @Test
    void a_live_model_without_claude_on_the_path_stops_start_up_with_how_to_install_it() {
        assertThatThrownBy(() -> ChatModel.from(Map.of("CHAT_MODEL", "sonnet"), REPO, name -> Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CHAT_MODEL=sonnet").hasMessageContaining("npm install -g @anthropic-ai/claude-code");
    }

    @Test
    void a_live_model_finds_claude_on_the_path_and_is_not_wired_yet() throws Exception {
        Path claude = Files.createFile(dir.resolve("claude"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        ChatModel model = ChatModel.from(Map.of("CHAT_MODEL", "sonnet"), REPO, name -> ChatModel.onPath("/nowhere:" + dir, name));

        assertThat(model.kind()).isEqualTo(ChatModel.Kind.LIVE);
        assertThat(model.claude()).isEqualTo(claude);
        assertThat(model.liveModel()).isEqualTo("sonnet");
        assertThatThrownBy(() -> Wiring.model(model)).isInstanceOf(ConfigurationException.class).hasMessageContaining("not wired");
    }

    @Test
    void the_built_in_prompt_names_the_repo_and_a_prompt_file_replaces_it() throws Exception {
        Path file = Files.writeString(dir.resolve("prompt.md"), "Only talk about cats.");

        assertThat(ChatModel.from(Map.of(), REPO, name -> Optional.empty()).systemPrompt()).contains("acme/shop");
        assertThat(ChatModel.from(Map.of("CHAT_SYSTEM_PROMPT_FILE", file.toString()), REPO, name -> Optional.empty()).systemPrompt())
                .isEqualTo("Only talk about cats.");
    }

    @Test
    void a_missing_or_empty_prompt_file_stops_start_up_with_one_line() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.md"), "  \n");

        assertThatThrownBy(() -> ChatModel.from(Map.of("CHAT_SYSTEM_PROMPT_FILE", dir.resolve("nope.md").toString()), REPO,
                name -> Optional.empty())).isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> ChatModel.from(Map.of("CHAT_SYSTEM_PROMPT_FILE", empty.toString()), REPO, name -> Optional.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is empty");
    }

    @Test
    void the_prompt_the_model_gets_holds_nothing_of_the_environments_secrets() {
        Map<String, String> env = Map.of("FORGE_TOKEN", "forge-secret-7f3a", "WOODPECKER_TOKEN", "ci-secret-91bc",
                "CHAT_OAUTH_CLIENT_SECRET", "oauth-secret-55de", "FORWARD_AUTH_SECRET", "fwd-secret-0a0a");

        String prompt = ChatModel.from(env, REPO, name -> Optional.empty()).systemPrompt();

        assertThat(prompt).doesNotContain("forge-secret-7f3a", "ci-secret-91bc", "oauth-secret-55de", "fwd-secret-0a0a");
    }
}
