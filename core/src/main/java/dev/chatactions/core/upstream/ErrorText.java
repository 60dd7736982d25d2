package dev.chatactions.core.upstream;

import dev.chatactions.core.text.KeptText;

/** Makes an upstream's error text fit for a one-line message and a history record. */
public final class ErrorText {

    /** The most characters of an upstream's error text that are kept. */
    public static final int LIMIT = 500;

    private ErrorText() {}

    /**
     * {@link KeptText} (secrets hidden before the cut, so no part of one survives it); whitespace runs
     * (line breaks included) become one space; cut to {@link #LIMIT} with an ellipsis.
     */
    public static String trim(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = KeptText.of(text).strip().replaceAll("\\s+", " ");
        return oneLine.length() <= LIMIT ? oneLine : oneLine.substring(0, LIMIT) + "…";
    }
}
