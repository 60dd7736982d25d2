package dev.chatactions.core.service;

/**
 * The service is still rebuilding its state from the history (or could not): nothing was run or
 * recorded, since the history might have refused it. The edge answers "try again later".
 */
public final class ServiceStarting extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is going on, one line
     * @param cause why the restore failed, or null while it runs
     */
    ServiceStarting(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
