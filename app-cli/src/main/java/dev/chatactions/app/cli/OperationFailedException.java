package dev.chatactions.app.cli;

/**
 * The command could not do what was asked, for a reason the user can act on: printed as one line
 * on stderr (no stack trace unless {@code --verbose}), exit code {@link ExitCodes#FAILED}.
 * The message must never contain a token.
 */
public class OperationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
