package dev.chatactions.core.upstream;

import java.io.IOException;
import java.util.Objects;

/** No answer came to a request. */
public class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether the request could have reached the server. */
    public enum Problem {
        /** The connection was never made (refused, connect timeout, unknown host): nothing was sent. */
        NOT_SENT,
        /** The request may have been sent, but the answer never came (timeout, reset). */
        ANSWER_LOST
    }

    private final Problem problem;

    public TransportException(Problem problem, IOException cause) {
        super(Objects.requireNonNull(problem, "problem") + ": " + cause.getClass().getSimpleName(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
