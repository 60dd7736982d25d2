package dev.chatactions.core.action;

import java.util.Objects;

/** A well-formed {@code <action type="TYPE">{...}</action>}. The type may still be one the policy denies. */
public record Marker(int start, int end, String type, Payload payload) implements ParsedMarker {

    public Marker {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
