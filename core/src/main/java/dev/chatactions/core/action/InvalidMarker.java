package dev.chatactions.core.action;

import java.util.Objects;

/**
 * A marker that was opened but is broken; {@code reason} is one line. {@code type} may be null.
 *
 * @param start offset of the marker's first character
 * @param end offset after its last character
 * @param type the {@code type} attribute as written, or null when it could not be read
 * @param reason why the marker is broken, one line
 */
public record InvalidMarker(int start, int end, String type, String reason) implements ParsedMarker {

    /** Checks that the span is not empty and the reason present. */
    public InvalidMarker {
        Objects.requireNonNull(reason, "reason");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
