package dev.chatactions.core.action.json;

/** A payload that is not exactly one strict JSON object; the message is one line. */
public final class InvalidJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a text that is not one strict JSON object.
     *
     * @param oneLineReason what is wrong with the text, one line
     */
    public InvalidJsonException(String oneLineReason) {
        super(oneLineReason);
    }
}
