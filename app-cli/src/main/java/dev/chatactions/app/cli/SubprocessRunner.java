package dev.chatactions.app.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Runs children with {@link ProcessBuilder}: the given environment only, and the given stdin and output. */
public final class SubprocessRunner implements ProcessRunner {

    private final Redirect input;
    private final Redirect output;

    /** @param output where the child's stdout and stderr go */
    public SubprocessRunner(Redirect input, Redirect output) {
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
    }

    @Override
    public int run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(input)
                .redirectOutput(output)
                .redirectError(output);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }
}
