package dev.chatactions.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

class ChatActionsCliTest {

    private final CliHarness cli = new CliHarness();

    @Test
    void versionComesFromTheManifestOrIsDevWhenRunFromClasses() {
        CliHarness.Result result = cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo("chat-actions dev");
        assertThat(cli.run("identity", "plan", "--version").out().strip()).isEqualTo("chat-actions dev");
    }

    @Test
    void helpListsTheCommandsExamplesAndExitCodes() {
        CliHarness.Result result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: chat-actions", "parse", "run", "replay", "history", "identity",
                "Examples:", "Exit codes:", "--verbose");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpIsLiteralTextThatNeverReadsTheEnvironment() {
        assertThat(cli.run("identity", "--help").out()).contains("${CHAT_CLAUDE_DIR:-$HOME/.claude-chat}");
        assertThat(cli.run("identity", "plan", "--help").out()).contains("Output format: text or json (default: text).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"parse", "run", "replay", "history", "history verify", "history show",
        "identity", "identity plan", "identity init", "identity compose", "identity check"})
    void everyCommandHasHelpWithExamples(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        CliHarness.Result result = cli.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: chat-actions " + command).contains("Examples:", "  chat-actions " + command.split(" ")[0]);
    }

    @Test
    void anUnknownOptionIsAUsageErrorOfOneLineNamingTheHelp() {
        CliHarness.Result result = cli.run("identity", "plan", "--frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(
                "chat-actions: Unknown option: '--frobnicate' (see 'chat-actions identity plan --help')" + System.lineSeparator());
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliHarness.Result result = cli.run("identity", "plam");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'plam'", "did you mean plan?").hasLineCount(1);
    }

    @Test
    void aGroupWithoutItsSubcommandIsAUsageError() {
        CliHarness.Result result = cli.run("identity");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand").hasLineCount(1);
    }

    @Test
    void aBadOutputFormatIsAUsageErrorListingTheChoices() {
        CliHarness.Result result = cli.run("identity", "plan", "-o", "yaml");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("expected text or json but was 'yaml'").hasLineCount(1);
    }

    @Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        private final RuntimeException failure;

        Explode(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private CliHarness.Result runFailing(RuntimeException failure, String... args) {
        return cli.run(commandLine -> commandLine.addSubcommand(new Explode(failure)), args);
    }

    @Test
    void aFailedOperationIsOneLineOnStderrWithExitCodeOne() {
        CliHarness.Result result = runFailing(new OperationFailedException("the forge said no"), "explode");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("chat-actions: the forge said no" + System.lineSeparator());
    }

    @Test
    void anUnexpectedErrorIsOneLineWithoutStackTrace() {
        CliHarness.Result result = runFailing(new IllegalStateException("first line\nsecond line"), "explode");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "chat-actions: IllegalStateException: first line; second line" + System.lineSeparator());
    }

    @Test
    void verboseShowsTheStackTraceWhereverItIsGiven() {
        RuntimeException failure = new OperationFailedException("no", new IllegalStateException("the cause"));

        assertThat(runFailing(failure, "--verbose", "explode").err())
                .contains("Caused by: java.lang.IllegalStateException: the cause", "\tat ");
        assertThat(runFailing(failure, "explode", "--verbose").err()).contains("\tat ");
    }

    @Test
    void secretValuesFromTheEnvironmentNeverReachStderr() {
        cli.env("FORGE_TOKEN", "tok-123456").env("ANTHROPIC_API_KEY", "sk-ant-abcdef");
        RuntimeException failure = new IllegalStateException("sent tok-123456 and sk-ant-abcdef");

        CliHarness.Result result = runFailing(failure, "--verbose", "explode");

        assertThat(result.err()).contains("sent *** and ***").doesNotContain("tok-123456", "sk-ant-abcdef");
    }
}
