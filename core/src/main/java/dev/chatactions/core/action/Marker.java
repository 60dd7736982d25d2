package dev.chatactions.core.action;

import java.util.Objects;

/**
 * A well-formed {@code <action type="TYPE">{...}</action>}. The type may still be one the policy denies.
 *
 * @param start offset of the marker's first character
 * @param end offset after its last character
 * @param type the {@code type} attribute as written
 * @param payload the JSON object between the tags
 */
public record Marker(int start, int end, String type, Payload payload) implements ParsedMarker {

    /** Checks that the span is not empty and type and payload present. */
    public Marker {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
