package dev.chatactions.app.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.security.auth.module.UnixSystem;
import dev.chatactions.app.cli.CliHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityCheckCommandTest {

    @TempDir
    Path tempDir;

    private Path temp;
    private Path config;
    private Path credentials;
    private final CliHarness cli = new CliHarness();

    @BeforeEach
    void setUp() throws IOException {
        temp = tempDir.toRealPath();
        Path container = temp.resolve("home/chat/.claude-chat");
        config = privateDir(container.resolve("config"));
        credentials = privateDir(container.resolve("config/credentials"));
        cli.containerIdentityDir(container)
                .env("CLAUDE_CONFIG_DIR", config.toString())
                .env("CLAUDE_CREDENTIALS_DIR", credentials.toString())
                .env("DISINTO_CLAUDE_SHARED_DIR", temp.resolve("shared").toString());
    }

    private static Path privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    @Test
    void givenPrivateDirsInTheRightPlace_thenOk() throws Exception {
        CliHarness.Result text = cli.run("identity", "check");
        CliHarness.Result json = cli.run("identity", "check", "-o", "json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("ok: config-dir identity in " + config);
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("problems").size()).isZero();
    }

    @Test
    void givenAWorldReadableDir_thenExitOneSayingHowToFixIt() throws IOException {
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliHarness.Result result = cli.run("identity", "check");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).hasLineCount(1).contains(
                "identity check failed: CLAUDE_CREDENTIALS_DIR=" + credentials
                        + " is open to other users (mode 0755); run chmod 700 " + credentials);
    }

    @Test
    void givenADirOutsideTheContainerIdentityDir_thenExitOne() throws IOException {
        Path elsewhere = privateDir(temp.resolve("elsewhere"));

        CliHarness.Result result = cli.env("CLAUDE_CONFIG_DIR", elsewhere.toString()).run("identity", "check");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("CLAUDE_CONFIG_DIR=" + elsewhere + " is not under " + config)
                .doesNotContain("CLAUDE_CREDENTIALS_DIR=");
    }

    @Test
    void givenTheConfigDirLinkedToTheSharedDir_thenBothProblemsAreNamed() throws Exception {
        Path shared = privateDir(temp.resolve("shared"));
        Path container = temp.resolve("linked/.claude-chat");
        Files.createDirectories(container);
        Files.createSymbolicLink(container.resolve("config"), shared);
        cli.containerIdentityDir(container)
                .env("CLAUDE_CONFIG_DIR", container.resolve("config").toString())
                .env("CLAUDE_CREDENTIALS_DIR", container.resolve("config").toString());

        CliHarness.Result result = cli.run("identity", "check", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode problems = new ObjectMapper().readTree(result.out()).get("problems");
        assertThat(problems.get(0).asText()).isEqualTo("CLAUDE_CONFIG_DIR=" + container.resolve("config")
                + " (resolves to " + shared + ") is the agents' shared Claude dir " + shared);
        assertThat(result.err()).contains("is the agents' shared Claude dir").hasLineCount(1);
    }

    @Test
    void givenMissingVariablesOrDirs_thenEachIsNamed() throws IOException {
        Files.delete(credentials);

        CliHarness.Result result = cli.env("CLAUDE_CONFIG_DIR", "").run("identity", "check");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("CLAUDE_CONFIG_DIR is not set",
                "CLAUDE_CREDENTIALS_DIR=" + credentials + " is not a directory");
    }

    @Test
    void givenADirOfAnotherUser_thenExitOne() throws IOException {
        assumeTrue(new UnixSystem().getUid() == 0, "only root can give a dir away");
        Files.setAttribute(config, "unix:uid", 4242);

        CliHarness.Result result = cli.run("identity", "check");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("CLAUDE_CONFIG_DIR=" + config + " is owned by uid 4242, not the current user");
    }

    @Test
    void givenOnlyAnApiKey_thenThereIsNothingOnDiskToCheck() {
        CliHarness.Result result = new CliHarness().env("ANTHROPIC_API_KEY", "sk-ant-secret").run("identity", "check");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("api-key identity").doesNotContain("sk-ant-secret");
    }
}
