package dev.chatactions.app.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.app.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityInitCommandTest {

    private static final String QUESTION = "Use separate Anthropic identity for chat? (y/N)";

    @TempDir
    Path tempDir;

    private Path home;
    private Path identityDir;
    private Path bin;
    private Path record;
    private final CliHarness cli = new CliHarness();

    @BeforeEach
    void setUp() throws IOException {
        Path temp = tempDir.toRealPath();
        home = Files.createDirectories(temp.resolve("home/ada"));
        identityDir = home.resolve(".claude-chat");
        bin = Files.createDirectories(temp.resolve("bin"));
        record = temp.resolve("record");
        cli.env("HOME", home.toString()).env("PATH", bin + ":" + temp.resolve("no-such-dir"))
                .env("MARKER", "from-the-injected-environment");
    }

    /** A stand-in {@code claude} that records its arguments and environment (shell built-ins only). */
    private void installClaude(int exitStatus) throws IOException {
        Path claude = bin.resolve("claude");
        Files.writeString(claude, """
                #!/bin/sh
                printf '%%s\\n' "$@" > '%1$s.args'
                export -p > '%1$s.env'
                exit %2$d
                """.formatted(record, exitStatus));
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> claudeArgs() throws IOException {
        return Files.readAllLines(Path.of(record + ".args"));
    }

    private String claudeEnv() throws IOException {
        return Files.readString(Path.of(record + ".env"));
    }

    private static String mode(Path dir) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"y\n", "Y\n", "yes\n", " YES \n"})
    void givenYes_thenPrivateDirsAreCreatedAndClaudeLogsInThere(String answer) throws IOException {
        installClaude(0);

        CliHarness.Result result = cli.stdin(answer).run("identity", "init");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith(QUESTION + " ").contains("created " + identityDir, "Done.");
        for (Path dir : List.of(identityDir, identityDir.resolve("config"), identityDir.resolve("config/credentials"))) {
            assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------");
        }
        assertThat(claudeArgs()).containsExactly("login");
        assertThat(claudeEnv())
                .contains("CLAUDE_CONFIG_DIR='" + identityDir.resolve("config") + "'")
                .contains("CLAUDE_CREDENTIALS_DIR='" + identityDir.resolve("config/credentials") + "'")
                .contains("MARKER='from-the-injected-environment'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n\n", "no\n", "\n", "", "maybe\n"})
    void givenNoOrTheDefaultAnswer_thenNothingIsCreatedAndClaudeNotRun(String answer) throws IOException {
        installClaude(0);

        CliHarness.Result result = cli.stdin(answer).run("identity", "init");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith(QUESTION).contains("Nothing changed.");
        assertThat(identityDir).doesNotExist();
        assertThat(Path.of(record + ".args")).doesNotExist();
    }

    @Test
    void givenYesOption_thenNoQuestionIsAsked() throws IOException {
        installClaude(0);

        CliHarness.Result result = cli.run("identity", "init", "--yes");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).doesNotContain(QUESTION);
        assertThat(identityDir.resolve("config/credentials")).isDirectory();
        assertThat(claudeArgs()).containsExactly("login");
    }

    @Test
    void givenAnExistingIdentity_thenItIsKeptAsItIs() throws IOException {
        installClaude(0);
        cli.run("identity", "init", "--yes");
        Path credentials = Files.writeString(identityDir.resolve("config/credentials/.credentials.json"), "{}");
        Files.setPosixFilePermissions(identityDir, PosixFilePermissions.fromString("rwxr-x---"));

        CliHarness.Result second = cli.run("identity", "init", "--yes");

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("kept    " + identityDir).doesNotContain("created");
        assertThat(credentials).hasContent("{}");
        assertThat(mode(identityDir)).isEqualTo("rwxr-x---");
    }

    @Test
    void givenNoClaudeOnThePath_thenDirsAreCreatedAndItSaysHowToFinish() {
        CliHarness.Result result = cli.run("identity", "init", "--yes");

        assertThat(result.exitCode()).isZero();
        assertThat(identityDir.resolve("config/credentials")).isDirectory();
        assertThat(result.out()).contains("claude is not on the PATH",
                "CLAUDE_CONFIG_DIR=" + identityDir.resolve("config") + " CLAUDE_CREDENTIALS_DIR="
                        + identityDir.resolve("config/credentials") + " claude login");
    }

    @Test
    void givenAFailingLogin_thenExitOneSayingHowToRetry() throws IOException {
        installClaude(3);

        CliHarness.Result result = cli.run("identity", "init", "--yes");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("claude login exited with status 3; to try again run: CLAUDE_CONFIG_DIR=")
                .hasLineCount(1);
    }

    @Test
    void givenAnApiKey_thenNothingIsCreatedNorAsked() throws IOException {
        installClaude(0);

        CliHarness.Result result = cli.env("ANTHROPIC_API_KEY", "sk-ant-secret").run("identity", "init");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("nothing to create").doesNotContain(QUESTION, "sk-ant-secret");
        assertThat(identityDir).doesNotExist();
    }

    @Test
    void givenTheSharedDir_thenRefusedBeforeAsking() throws IOException {
        Path shared = home.resolve(".claude-chat/agents");
        cli.env("DISINTO_CLAUDE_SHARED_DIR", shared.toString()).stdin("y\n");

        CliHarness.Result result = cli.run("identity", "init");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains(identityDir + " contains the agents' shared Claude dir " + shared);
        assertThat(identityDir).doesNotExist();
    }
}
