package dev.chatactions.core.port;

import java.util.Objects;

/**
 * The one exception adapters throw when an upstream call does not succeed. Its message is the
 * failure's message and never contains a token. Only the use-case service turns it into an outcome.
 */
public class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public UpstreamException(Failure failure) {
        this(failure, null);
    }

    public UpstreamException(Failure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").message(), cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
