package dev.chatactions.app.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * Runs {@code chat-actions} in-process with captured streams and an environment of the test's own,
 * never the real one. Children get no stdin (the test JVM's stdin belongs to the build tool).
 */
public final class CliHarness {

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private String stdin = "";
    private Path containerIdentityDir = Path.of("/nonexistent/chat-actions-test/.claude-chat");
    private String osUser = "ada";
    private boolean terminal;
    private Consumer<Result> observer = result -> { };

    public CliHarness env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public CliHarness stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliHarness containerIdentityDir(Path dir) {
        this.containerIdentityDir = dir;
        return this;
    }

    public CliHarness osUser(String name) {
        this.osUser = name;
        return this;
    }

    /** Runs as if a person watched a terminal (progress on stderr) instead of a script. */
    public CliHarness terminal(boolean attached) {
        this.terminal = attached;
        return this;
    }

    /** Hands every result to {@code observer} too (e.g. a token leak guard). */
    public CliHarness observe(Consumer<Result> observer) {
        this.observer = observer;
        return this;
    }

    public Result run(String... args) {
        return run(cli -> { }, args);
    }

    /** Runs with {@code extra} applied to the command tree first (e.g. a subcommand only a test needs). */
    public Result run(Consumer<CommandLine> extra, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                new BufferedReader(new StringReader(stdin)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                environment,
                new SubprocessRunner(Redirect.from(new File("/dev/null")), Redirect.DISCARD),
                containerIdentityDir,
                osUser,
                terminal);
        CommandLine commandLine = ChatActionsCli.commandLine(context);
        extra.accept(commandLine);
        Result result = new Result(commandLine.execute(args), out.toString(), err.toString());
        observer.accept(result);
        return result;
    }
}
