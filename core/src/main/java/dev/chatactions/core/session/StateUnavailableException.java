package dev.chatactions.core.session;

/**
 * Sessions, sign-in tokens or rate limits could not be read or written (a shared database is
 * away). Nobody is signed in or out by it; the request is refused and may be tried again.
 */
public class StateUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying what failed, never a token or a credential
     * @param cause the store's failure
     */
    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
