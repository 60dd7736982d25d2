package dev.chatactions.app.http;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Turns Helidon's log of a client that went away mid-request (a stack trace of some 15 lines each
 * time) into one line without the trace; so too its note that our refusal could not be sent
 * because the client was gone. Other records pass unchanged.
 */
final class DroppedConnectionLog implements Filter {

    /** Helidon's exception for "the peer closed before the announced bytes came", matched by name (not API). */
    private static final Set<String> DROPPED_BY_NAME = Set.of(
            "io.helidon.common.buffers.DataReader$InsufficientDataAvailableException");

    /** Held here: JUL keeps loggers weakly, and a collected logger would forget its filter. */
    private static final List<Logger> HELIDON_CONNECTION_LOGGERS = List.of(
            Logger.getLogger("io.helidon.webserver.http1.Http1Connection"),
            Logger.getLogger("io.helidon.webserver.ConnectionHandler"),
            Logger.getLogger("io.helidon.webserver.http.DirectHandlers"),
            Logger.getLogger("io.helidon.webserver.http.ErrorHandlers"),
            Logger.getLogger("io.helidon.http.DirectHandler"));

    private DroppedConnectionLog() {}

    static void install() {
        HELIDON_CONNECTION_LOGGERS.forEach(logger -> logger.setFilter(new DroppedConnectionLog()));
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable refusal = cause(record.getThrown(), HttpProblem.class::isInstance);
        Throwable dropped = cause(record.getThrown(), DroppedConnectionLog::isDrop);
        if (refusal != null) {
            oneLine(record, "client gone before its refusal could be sent: " + refusal.getMessage());
        } else if (dropped != null) {
            oneLine(record, "client connection dropped mid-request: " + dropped.getClass().getSimpleName());
        }
        return true;
    }

    private static void oneLine(LogRecord record, String message) {
        record.setThrown(null);
        record.setParameters(null);
        record.setMessage(message);
    }

    private static boolean isDrop(Throwable e) {
        return e instanceof SocketException || e instanceof SocketTimeoutException || e instanceof EOFException
                || DROPPED_BY_NAME.contains(e.getClass().getName());
    }

    private static Throwable cause(Throwable thrown, Predicate<Throwable> matching) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (matching.test(cause)) {
                return cause;
            }
        }
        return null;
    }
}
