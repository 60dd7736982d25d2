package dev.chatactions.core.port;

import java.util.Objects;

/**
 * The one exception adapters throw when an upstream call does not succeed. Its message is the
 * failure's message and never contains a token. Only the use-case service turns it into an outcome.
 */
public class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    /**
     * An exception carrying a failure.
     *
     * @param failure what went wrong; its message becomes this exception's
     */
    public UpstreamException(Failure failure) {
        this(failure, null);
    }

    /**
     * An exception carrying a failure and the exception behind it.
     *
     * @param failure what went wrong; its message becomes this exception's
     * @param cause the transport's exception, or null
     */
    public UpstreamException(Failure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").message(), cause);
        this.failure = failure;
    }

    /** {@return what went wrong} */
    public Failure failure() {
        return failure;
    }
}
