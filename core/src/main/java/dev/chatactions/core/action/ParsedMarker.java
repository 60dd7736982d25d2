package dev.chatactions.core.action;

/**
 * A marker the parser reported: valid ({@link Marker}) or opened but broken ({@link InvalidMarker}).
 * Offsets are UTF-16 code-unit offsets into the text, {@code [start, end)}.
 */
public sealed interface ParsedMarker permits Marker, InvalidMarker {

    /** {@return offset of the marker's first character} */
    int start();

    /** {@return offset after the marker's last character} */
    int end();

    /**
     * The {@code type} attribute as written.
     *
     * @return the type, or null when it could not be read
     */
    String type();
}
