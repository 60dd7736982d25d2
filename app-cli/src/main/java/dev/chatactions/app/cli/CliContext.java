package dev.chatactions.app.cli;

import dev.chatactions.core.identity.IdentityPlan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command may touch outside itself, so that tests can run any command with captured
 * streams and an environment of their own: commands read the environment only from here.
 *
 * @param in what the user types (prompts read from here)
 * @param out data and messages
 * @param err errors, one line each
 * @param environment the environment variables
 * @param processes starts child processes (e.g. {@code claude login})
 * @param containerIdentityDir where the chat container mounts its identity dir; {@code identity check} looks there
 * @param osUser the operating-system user ({@code run} records actions as this user unless told otherwise)
 * @param terminal true when a person watches (a console is attached): long work shows progress on {@code err}
 */
public record CliContext(
        BufferedReader in,
        PrintWriter out,
        PrintWriter err,
        Map<String, String> environment,
        ProcessRunner processes,
        Path containerIdentityDir,
        String osUser,
        boolean terminal) {

    public CliContext {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(containerIdentityDir, "containerIdentityDir");
        Objects.requireNonNull(osUser, "osUser");
    }

    /** The real process: standard streams, the real environment, children on the same terminal. */
    public static CliContext system() {
        return new CliContext(
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
                writer(System.out),
                writer(System.err),
                System.getenv(),
                new SubprocessRunner(Redirect.INHERIT, Redirect.INHERIT),
                Path.of(IdentityPlan.CONTAINER_DIR.value()),
                System.getProperty("user.name", ""),
                // Null when the streams are redirected (scripts, pipes): then progress stays quiet.
                System.console() != null);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }
}
