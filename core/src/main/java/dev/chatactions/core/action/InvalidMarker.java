package dev.chatactions.core.action;

import java.util.Objects;

/** A marker that was opened but is broken; {@code reason} is one line. {@code type} may be null. */
public record InvalidMarker(int start, int end, String type, String reason) implements ParsedMarker {

    public InvalidMarker {
        Objects.requireNonNull(reason, "reason");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
