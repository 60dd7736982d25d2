package dev.chatactions.core.port;

/** The history could not be written or read (disk full, read-only, permissions). */
public class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a failed read or write.
     *
     * @param message one line naming the file, never its content
     * @param cause the I/O failure
     */
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An exception without an underlying cause.
     *
     * @param message one line naming the file, never its content
     */
    public HistoryException(String message) {
        super(message);
    }
}
