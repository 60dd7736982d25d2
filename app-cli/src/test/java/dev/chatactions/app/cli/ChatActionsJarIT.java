package dev.chatactions.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.adapter.postgres.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the packaged {@code app-cli/target/chat-actions.jar} as a process, the way users do. Failsafe
 * runs it after {@code package}; elsewhere it is skipped when the jar is missing, except in CI.
 */
class ChatActionsJarIT {

    private static Path jar;

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.unmigrated();

    @BeforeAll
    static void findTheJar() {
        jar = Path.of(System.getProperty("chat-actions.jar", "target/chat-actions.jar"));
        boolean present = Files.isRegularFile(jar);
        String ci = System.getenv("CI");
        if (!present && ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            throw new AssertionError("no " + jar + " in CI: run './mvnw verify', which packages it before this test");
        }
        assumeTrue(present, "no " + jar + ": run './mvnw -pl app-cli -am verify' to package it first");
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String stdin, String... args) throws IOException, InterruptedException {
        return run(Map.of(), stdin, args);
    }

    private static Run run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("FORGE_OWNER", "factory");
        builder.environment().put("FORGE_REPO", "app");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar exits").isTrue();
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void dbMigrateRunsTheMigrationsPackagedInTheJarAndSaysNothingElse() throws Exception {
        Map<String, String> env = Map.of("CHAT_DATABASE_URL", DATABASE.server().url(),
                "CHAT_DATABASE_USER", PostgresServer.USER, "CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD);

        Run first = run(env, "", "db", "migrate");
        Run again = run(env, "", "db", "migrate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("applied 3 migration(s): schema at version 50\n");
        assertThat(first.err()).isEmpty();
        assertThat(again.out()).isEqualTo("schema is up to date (version 50)\n");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run help = run("", "--help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: chat-actions").contains("parse", "run", "replay", "history", "Exit codes:");
    }

    @Test
    void theVersionComesFromTheJarManifest() throws Exception {
        Run version = run("", "--version");

        assertThat(version.out().strip()).matches("chat-actions \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void parseReadsStdinAndPrintsTheMarkersAsJson() throws Exception {
        Run parse = run("Filed: <action type='issue-create'>{\"title\":\"Flaky test\"}</action>", "parse");

        assertThat(parse.exitCode()).as(parse.err()).isZero();
        JsonNode marker = new ObjectMapper().readTree(parse.out()).get(0);
        assertThat(marker.get("start").asInt()).isEqualTo(7);
        assertThat(marker.get("type").asText()).isEqualTo("issue-create");
        assertThat(marker.get("allowed").asBoolean()).isTrue();
    }

    @Test
    void aUsageErrorExitsTwoWithOneLine() throws Exception {
        Run wrong = run("", "parse", "--frobnicate");

        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).startsWith("chat-actions: Unknown option: '--frobnicate'").hasLineCount(1);
    }
}
