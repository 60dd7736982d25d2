package dev.chatactions.core.port;

/** The history could not be written or read (disk full, read-only, permissions). */
public class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public HistoryException(String message) {
        super(message);
    }
}
