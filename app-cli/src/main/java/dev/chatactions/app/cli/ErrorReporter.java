package dev.chatactions.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place errors reach the user: one line on stderr, a stack trace only with
 * {@code --verbose}, and the value of any secret-looking environment variable blanked out.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|KEY).*");
    /** Shorter values are too likely to occur by chance in a message. */
    private static final int SHORTEST_REDACTED_SECRET = 4;

    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        StringBuilder line = new StringBuilder(oneLine(e.getMessage()));
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append('?');
        }
        line.append(" (see '").append(e.getCommandLine().getCommandSpec().qualifiedName()).append(" --help')");
        report(line.toString());
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        report(e instanceof OperationFailedException ? oneLine(e.getMessage()) : describe(e));
        if (commandLine.getCommandSpec().root().userObject() instanceof ChatActionsCli root && root.verbose()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            context.err().print(redact(trace.toString()));
        }
        context.err().flush();
        return ExitCodes.FAILED;
    }

    private void report(String line) {
        context.err().println("chat-actions: " + redact(line));
        context.err().flush();
    }

    /** An unexpected exception: its message, or its kind when it has none. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : oneLine(kind + ": " + message);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private String redact(String text) {
        String redacted = text;
        for (Map.Entry<String, String> variable : context.environment().entrySet()) {
            if (SECRET_NAME.matcher(variable.getKey()).matches()
                    && variable.getValue().length() >= SHORTEST_REDACTED_SECRET) {
                redacted = redacted.replace(variable.getValue(), "***");
            }
        }
        return redacted;
    }
}
