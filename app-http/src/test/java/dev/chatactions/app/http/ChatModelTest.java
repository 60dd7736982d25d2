package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.adapter.claude.ClaudeCliAssistant;
import dev.chatactions.adapter.claude.FileSystemPathResolver;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.conversation.ConverseLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatModelTest {

    private static final RepoRef REPO = new RepoRef("acme", "shop");

    @TempDir
    Path dir;

    /** An environment with a PATH that holds no claude, so the machine's own install cannot change the answer. */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", dir.resolve("empty-bin").toString(), "HOME", dir.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static ChatModel dryRun(Map<String, String> env) {
        return ChatModel.from(env, REPO, true, new FileSystemPathResolver());
    }

    private static ChatModel live(Map<String, String> env) {
        return ChatModel.from(env, REPO, false, new FileSystemPathResolver());
    }

    private Path fakeClaude() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        return Files.createFile(bin.resolve("claude"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void a_dry_run_without_claude_picks_the_demo_model_and_none_picks_no_model() {
        assertThat(dryRun(env()).kind()).isEqualTo(ChatModel.Kind.DEMO);
        assertThat(dryRun(env("CHAT_MODEL", "demo")).label()).isEqualTo("demo model");
        assertThat(dryRun(env("CHAT_MODEL", "none")).kind()).isEqualTo(ChatModel.Kind.NONE);
    }

    @Test
    void chat_max_reply_chars_sets_the_reply_cap_and_a_bad_one_stops_start_up_in_one_line() {
        assertThat(dryRun(env()).limits()).isEqualTo(ConverseLimits.defaults());
        assertThat(dryRun(env("CHAT_MAX_REPLY_CHARS", "64000")).limits())
                .isEqualTo(ConverseLimits.defaults().withMaxReplyChars(64_000));
        assertThat(dryRun(env("CHAT_MODEL", "none", "CHAT_MAX_REPLY_CHARS", "500")).limits().maxReplyChars()).isEqualTo(500);
        for (String bad : new String[] {"0", "-5", "lots", "1000001"}) {
            assertThatThrownBy(() -> dryRun(env("CHAT_MAX_REPLY_CHARS", bad))).as(bad)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("CHAT_MAX_REPLY_CHARS").hasMessageNotContaining("\n");
        }
    }

    @Test
    void live_mode_without_claude_stops_start_up_with_one_line_on_how_to_install_it_unless_demo_or_none_is_asked_for() {
        assertThatThrownBy(() -> live(env())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("npm install -g @anthropic-ai/claude-code").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> dryRun(env("CHAT_MODEL", "sonnet"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("npm install -g @anthropic-ai/claude-code");
        assertThat(live(env("CHAT_MODEL", "demo")).kind()).isEqualTo(ChatModel.Kind.DEMO);
        assertThat(live(env("CHAT_MODEL", "none")).kind()).isEqualTo(ChatModel.Kind.NONE);
    }

    @Test
    void a_claude_on_the_path_is_the_model_unless_the_demo_is_asked_for_and_live_means_the_clis_default_model() throws Exception {
        Path claude = fakeClaude();
        String path = "/nowhere:" + claude.getParent();

        ChatModel unset = dryRun(env("PATH", path));
        ChatModel named = live(env("PATH", path, "CHAT_MODEL", "sonnet"));

        assertThat(unset.kind()).isEqualTo(ChatModel.Kind.LIVE);
        assertThat(unset.claude().orElseThrow().executable()).isEqualTo(claude);
        assertThat(unset.claude().orElseThrow().model()).isEmpty();
        assertThat(live(env("PATH", path, "CHAT_MODEL", "live")).claude().orElseThrow().model()).isEmpty();
        assertThat(named.claude().orElseThrow().model()).contains("sonnet");
        assertThat(named.label()).isEqualTo("Claude (sonnet)");
        assertThat(Wiring.model(named).assistant()).isInstanceOf(ClaudeCliAssistant.class);
        assertThat(dryRun(env("PATH", path, "CHAT_MODEL", "demo")).kind()).isEqualTo(ChatModel.Kind.DEMO);
    }

    @Test
    void chat_claude_bin_names_the_cli_and_one_that_is_not_there_stops_start_up() throws Exception {
        Path claude = fakeClaude();

        assertThat(dryRun(env("CHAT_CLAUDE_BIN", claude.toString())).claude().orElseThrow().executable()).isEqualTo(claude);
        assertThatThrownBy(() -> dryRun(env("CHAT_CLAUDE_BIN", dir.resolve("nope").toString())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CHAT_CLAUDE_BIN");
    }

    @Test
    void an_identity_that_resolves_into_the_agents_shared_claude_dir_stops_start_up_with_one_line() throws Exception {
        Path claude = fakeClaude();
        Path shared = Files.createDirectories(dir.resolve("claude-shared"));
        Path innocent = Files.createSymbolicLink(dir.resolve("chat-identity"), shared);

        assertThatThrownBy(() -> live(env("CHAT_CLAUDE_BIN", claude.toString(), "DISINTO_CLAUDE_SHARED_DIR", shared.toString(),
                "CHAT_CLAUDE_DIR", innocent.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two containers refreshing one OAuth login")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void the_built_in_prompt_names_the_repo_and_a_prompt_file_replaces_it() throws Exception {
        Path file = Files.writeString(dir.resolve("prompt.md"), "Only talk about cats.");

        assertThat(dryRun(env()).systemPrompt()).contains("acme/shop");
        assertThat(dryRun(env("CHAT_SYSTEM_PROMPT_FILE", file.toString())).systemPrompt())
                .isEqualTo("Only talk about cats.");
    }

    @Test
    void a_missing_or_empty_prompt_file_stops_start_up_with_one_line() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.md"), "  \n");

        assertThatThrownBy(() -> dryRun(env("CHAT_SYSTEM_PROMPT_FILE", dir.resolve("nope.md").toString()))).isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> dryRun(env("CHAT_SYSTEM_PROMPT_FILE", empty.toString())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is empty");
    }

    @Test
    void the_prompt_the_model_gets_holds_nothing_of_the_environments_secrets() {
        String prompt = dryRun(env("FORGE_TOKEN", "forge-secret-7f3a", "WOODPECKER_TOKEN", "ci-secret-91bc",
                "CHAT_OAUTH_CLIENT_SECRET", "oauth-secret-55de", "FORWARD_AUTH_SECRET", "fwd-secret-0a0a")).systemPrompt();

        assertThat(prompt).doesNotContain("forge-secret-7f3a", "ci-secret-91bc", "oauth-secret-55de", "fwd-secret-0a0a");
    }
}
