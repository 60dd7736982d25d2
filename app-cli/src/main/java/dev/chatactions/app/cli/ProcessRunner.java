package dev.chatactions.app.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Runs a child process to completion. */
@FunctionalInterface
public interface ProcessRunner {

    /**
     * @param command the executable and its arguments
     * @param environment the child's whole environment (nothing else is inherited)
     * @return the child's exit status
     */
    int run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException;
}
