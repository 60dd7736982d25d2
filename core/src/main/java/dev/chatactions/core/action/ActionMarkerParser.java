package dev.chatactions.core.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the {@code <action type="NAME">{...}</action>} markers in assistant text (grammar: DESIGN.md,
 * "Marker grammar"). Never throws on any text; cost is linear in its length.
 */
public final class ActionMarkerParser {

    private ActionMarkerParser() {}

    /**
     * The markers of {@code text} in text order: valid ones and opened-but-broken ones, at most
     * {@link MarkerStream#MAX_MARKERS} plus one "too many markers" entry. Markers inside fenced code
     * blocks and inline code spans are examples and not reported.
     *
     * @param text a whole assistant reply
     * @return the markers found, in text order
     */
    public static List<ParsedMarker> parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        MarkerStream stream = new MarkerStream();
        List<ParsedMarker> markers = new ArrayList<>(stream.feed(text));
        markers.addAll(stream.finish());
        return List.copyOf(markers);
    }
}
