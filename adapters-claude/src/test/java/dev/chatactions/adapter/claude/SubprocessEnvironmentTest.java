package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.adapter.claude.testing.FakeClaude;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code claude} process gets: a fake one dumps its environment, arguments, stdin and directory. */
class SubprocessEnvironmentTest {

    private static final String FORGE_TOKEN = "forge-token-4f1c9a";
    private static final String WOODPECKER_TOKEN = "woodpecker-token-77b2e0";
    private static final String OAUTH_SECRET = "oauth-client-secret-0d93aa";
    private static final String FORWARD_SECRET = "forward-auth-secret-51c7de";
    private static final String CHAT_KEY = "sk-ant-chat-own-key-123";
    private static final List<String> OURS = List.of(FORGE_TOKEN, WOODPECKER_TOKEN, OAUTH_SECRET, FORWARD_SECRET);
    /** What a shell adds to its own environment on start. */
    private static final Set<String> SHELL_OWN = Set.of("PWD", "SHLVL", "_", "OLDPWD");

    @RegisterExtension
    static final TokenLeakGuard LEAKS = new TokenLeakGuard(FORGE_TOKEN, WOODPECKER_TOKEN, OAUTH_SECRET, FORWARD_SECRET, CHAT_KEY);

    @TempDir
    Path dir;

    private Map<String, String> deployment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_GB.UTF-8");
        env.put("FORGE_URL", "http://127.0.0.1:9");
        env.put("FORGE_TOKEN", FORGE_TOKEN);
        env.put("WOODPECKER_TOKEN", WOODPECKER_TOKEN);
        env.put("CHAT_OAUTH_CLIENT_SECRET", OAUTH_SECRET);
        env.put("FORWARD_AUTH_SECRET", FORWARD_SECRET);
        env.put("CHAT_HISTORY_DIR", "/srv/history");
        env.put(ClaudeSettings.CLAUDE_BIN, dumpingScript().toString());
        return env;
    }

    private Path dumpingScript() {
        return FakeClaude.in(dir)
                .shell("env > \"$FAKE_DIR/env.txt\"")
                .shell("for a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$FAKE_DIR/args.bin\"")
                .shell("cat > \"$FAKE_DIR/stdin.txt\"")
                .shell("pwd > \"$FAKE_DIR/pwd.txt\"; stat -c %a . > \"$FAKE_DIR/mode.txt\"; ls -A | wc -l > \"$FAKE_DIR/count.txt\"")
                .init().delta("ok").result()
                .write();
    }

    private TurnEnd runTurn(Map<String, String> env, AssistantRequest request) {
        ClaudeSettings settings = LEAKS.record(ClaudeSettings.fromEnvironment(env, path -> path));
        return LEAKS.record(new ClaudeCliAssistant(settings).converse(request, text -> {}, new CancelSignal()));
    }

    private Map<String, String> dumpedEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("env.txt"))) {
            int eq = line.indexOf('=');
            if (eq > 0 && !SHELL_OWN.contains(line.substring(0, eq))) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private List<String> dumpedArguments() throws IOException {
        String all = Files.readString(dir.resolve("args.bin"));
        return List.of(all.substring(0, all.length() - 1).split("\0", -1));
    }

    private static AssistantRequest request(String message, boolean resume, UUID session) {
        return new AssistantRequest("alice", "0123456789ab", message, session, resume, "Propose with <action> markers.\nOne per action.");
    }

    @Test
    void api_key_mode_gets_the_key_and_nothing_of_ours() throws IOException {
        Map<String, String> env = deployment();
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:4010/");
        env.put("CHAT_MODEL", "claude-sonnet-4-5");

        assertThat(runTurn(env, request("hi", false, UUID.randomUUID()))).isInstanceOf(TurnEnd.Completed.class);

        Map<String, String> seen = dumpedEnvironment();
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PATH", "/usr/local/bin:/usr/bin:/bin",
                "HOME", dir.toString(),
                "LANG", "en_GB.UTF-8",
                "ANTHROPIC_API_KEY", CHAT_KEY,
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:4010",
                "ANTHROPIC_MODEL", "claude-sonnet-4-5",
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                "DISABLE_TELEMETRY", "1",
                "CLAUDE_CODE_MAX_RETRIES", "2"));
        String everything = Files.readString(dir.resolve("env.txt")) + Files.readString(dir.resolve("args.bin"));
        assertThat(OURS).noneMatch(everything::contains);
    }

    @Test
    void config_dir_mode_gets_the_chat_identity_dir_and_no_key() throws IOException {
        Map<String, String> env = deployment();
        env.put("CHAT_CLAUDE_DIR", dir.resolve("chat-identity").toString());

        assertThat(runTurn(env, request("hi", false, UUID.randomUUID()))).isInstanceOf(TurnEnd.Completed.class);

        Map<String, String> seen = dumpedEnvironment();
        assertThat(seen)
                .containsEntry("CLAUDE_CONFIG_DIR", dir.resolve("chat-identity/config").toString())
                .containsEntry("CLAUDE_CREDENTIALS_DIR", dir.resolve("chat-identity/config/credentials").toString())
                .doesNotContainKeys("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL", "CHAT_CLAUDE_DIR");
        assertThat(seen.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "CLAUDE_CONFIG_DIR",
                "CLAUDE_CREDENTIALS_DIR", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "DISABLE_TELEMETRY", "CLAUDE_CODE_MAX_RETRIES");
    }

    @Test
    void every_flag_is_as_specified_and_written_name_equals_value() throws IOException {
        Map<String, String> env = deployment();
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("CHAT_MODEL", "sonnet");
        UUID session = UUID.randomUUID();

        runTurn(env, request("hi", false, session));
        List<String> first = dumpedArguments();
        runTurn(env, request("again", true, session));
        List<String> second = dumpedArguments();

        List<String> common = List.of("--print", "--output-format=stream-json", "--verbose", "--include-partial-messages");
        assertThat(first).containsExactly(common.get(0), common.get(1), common.get(2), common.get(3),
                "--session-id=" + session, "--tools=", "--strict-mcp-config",
                "--append-system-prompt=Propose with <action> markers.\nOne per action.", "--model=sonnet");
        assertThat(second).contains("--resume=" + session).doesNotContain("--session-id=" + session);
        assertThat(first).allMatch(arg -> arg.startsWith("--") && (arg.contains("=") || arg.equals("--print")
                || arg.equals("--verbose") || arg.equals("--include-partial-messages") || arg.equals("--strict-mcp-config")));
    }

    @Test
    void the_message_arrives_on_stdin_exactly() throws IOException {
        Map<String, String> env = deployment();
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        String message = "--help\n-p --tools=Bash\n<action type=\"ci-run\">{}</action> ünïcode \"quoted\" $HOME `id`";

        runTurn(env, request(message, false, UUID.randomUUID()));

        assertThat(Files.readString(dir.resolve("stdin.txt"))).isEqualTo(message);
        assertThat(dumpedArguments()).noneMatch(arg -> arg.contains("--help") || arg.contains("ünïcode"));
    }

    @Test
    void each_turn_runs_in_a_private_empty_directory_removed_afterwards() throws IOException {
        Map<String, String> env = deployment();
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);

        runTurn(env, request("hi", false, UUID.randomUUID()));

        Path workDir = Path.of(Files.readString(dir.resolve("pwd.txt")).strip());
        assertThat(workDir.getFileName().toString()).startsWith("claude-turn-");
        assertThat(Files.readString(dir.resolve("mode.txt")).strip()).isEqualTo("700");
        assertThat(Files.readString(dir.resolve("count.txt")).strip()).isEqualTo("0");
        assertThat(workDir).doesNotExist();
    }

    @Test
    void an_identity_dir_in_the_agents_shared_dir_is_refused_in_one_line() {
        Map<String, String> env = deployment();
        env.put("CHAT_CLAUDE_DIR", "/var/lib/disinto/claude-shared/chat");

        assertThatThrownBy(() -> ClaudeSettings.fromEnvironment(env, path -> path))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/var/lib/disinto/claude-shared")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_missing_cli_says_how_to_install_it() {
        Map<String, String> env = deployment();
        env.remove(ClaudeSettings.CLAUDE_BIN);
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("PATH", dir.resolve("empty-bin").toString());

        assertThatThrownBy(() -> ClaudeSettings.fromEnvironment(env, path -> path))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not found on PATH")
                .hasMessageContaining("npm install -g @anthropic-ai/claude-code@2.1.332")
                .hasMessageNotContaining("\n");
    }

    @Test
    void the_cli_is_found_on_path_when_no_path_is_configured() {
        Path script = dumpingScript();
        Map<String, String> env = deployment();
        env.remove(ClaudeSettings.CLAUDE_BIN);
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("PATH", "relative/bin:" + dir + ":/usr/bin");

        assertThat(ClaudeSettings.fromEnvironment(env, path -> path).executable()).isEqualTo(script);
    }

    @Test
    void bad_settings_are_refused_in_one_line_naming_the_setting() {
        Map<String, String> good = deployment();
        good.put("ANTHROPIC_API_KEY", CHAT_KEY);
        Map<String, String> bad = Map.of(
                "CHAT_MODEL", "--dangerously-skip-permissions",
                "ANTHROPIC_BASE_URL", "ftp://models.example",
                "CHAT_MODEL_SILENCE_SECONDS", "soon",
                "CHAT_MODEL_TURN_SECONDS", "0",
                "CHAT_MODEL_FIRST_BYTE_SECONDS", "-5",
                ClaudeSettings.CLAUDE_BIN, "claude",
                "HOME", "relative/home");
        bad.forEach((name, value) -> {
            Map<String, String> env = new HashMap<>(good);
            env.put(name, value);
            assertThatThrownBy(() -> ClaudeSettings.fromEnvironment(env, path -> path))
                    .as(name).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(name).hasMessageNotContaining("\n").hasMessageNotContaining(CHAT_KEY);
        });
    }

    @Test
    void the_settings_default_their_limits_and_read_the_configured_ones() {
        Map<String, String> env = deployment();
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("CHAT_MODEL_SILENCE_SECONDS", "7");

        ClaudeSettings settings = ClaudeSettings.fromEnvironment(env, path -> path);

        assertThat(settings.limits().silence()).hasSeconds(7);
        assertThat(settings.limits().firstByte()).isEqualTo(ClaudeSettings.Limits.DEFAULT.firstByte());
        assertThat(settings.limits().turn()).isEqualTo(ClaudeSettings.Limits.DEFAULT.turn());
        assertThat(settings.toString()).doesNotContain(CHAT_KEY);
    }
}
