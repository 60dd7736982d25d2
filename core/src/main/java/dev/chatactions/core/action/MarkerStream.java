package dev.chatactions.core.action;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Finds markers in assistant text that arrives in chunks, with the same answers as {@link
 * ActionMarkerParser#parse} on the whole text, however the text is cut.
 *
 * <p>One resumable scan runs over the text received so far. Whenever the next decision needs text
 * that has not arrived (a {@code <acti} at the end of a chunk, a JSON object still open, a fence
 * line not yet ended), the scan stops there and goes on from the same point when more comes;
 * {@link #finish()} says that the text is complete. Searches that look ahead remember what they
 * found, so the total work stays linear in the text's length. Text with no {@code <action} ahead
 * is not analysed at all until one arrives: nothing in it could be reported. Where the scan
 * stands in code (fences, code spans, paragraph ends) is tracked by {@link CodeContext}.
 *
 * <p>When a result is returned:
 * <ul>
 *   <li>a valid marker as soon as its {@code </action>} has arrived;
 *   <li>an invalid marker as soon as the end of its span is known (the first {@code </action>}
 *       after its opening tag, or the end of the text);
 *   <li>except that nothing after a backtick run whose role is still open is returned before that
 *       role is known: the run may yet open an inline code span that turns the markers after it
 *       into examples. It is decided by a closing run of the same length, the end of the paragraph
 *       (a blank line or a fence line), or {@link #finish()}.
 * </ul>
 * Results come out in text order; offsets are UTF-16 indexes into the whole text.
 *
 * <p>Not thread-safe: one stream per reply.
 */
public final class MarkerStream {

    /** Markers (valid or not) reported per text before "too many markers". */
    public static final int MAX_MARKERS = 32;

    private final GrowingText text = new GrowingText();
    private final CodeContext code = new CodeContext(text);
    private final GrowingText.Search closingTags = text.search(MarkerReader.CLOSE, 1);
    private boolean complete;

    /** Everything before {@code position} is decided. */
    private int position;
    private int openings;
    private boolean stopped;
    /** Reads the marker that may open at {@code position}, if any. */
    private MarkerReader reader;
    /** Found markers not yet returned, in text order. */
    private final Deque<Found> found = new ArrayDeque<>();

    /** A stream for one reply, before its first chunk. */
    public MarkerStream() {}

    /**
     * Adds the next piece of text.
     *
     * @param chunk the text that follows what was fed so far
     * @return the markers this chunk completed, in text order
     * @throws IllegalStateException after {@link #finish()}
     */
    public List<ParsedMarker> feed(CharSequence chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (complete) {
            throw new IllegalStateException("finish() was already called");
        }
        text.append(chunk);
        scan();
        return takeDecided();
    }

    /**
     * Ends the text.
     *
     * @return every marker not returned yet, in text order
     */
    public List<ParsedMarker> finish() {
        if (!complete) {
            complete = true;
            scan();
        }
        return takeDecided();
    }

    /** Scans on until the text so far tells nothing more. */
    private void scan() {
        while (!stopped) {
            if (reader == null) {
                Answer opening = code.nextOpening(complete, position);
                position = code.position();
                if (opening != Answer.YES) {
                    return;
                }
                reader = new MarkerReader(position, openings == MAX_MARKERS);
            }
            Answer opened = reader.read(text, complete);
            if (opened == Answer.NOT_YET) {
                return;
            }
            if (opened == Answer.YES) {
                stopped = ++openings > MAX_MARKERS;
                found.add(new Found(position, reader.outcome()));
                position = reader.outcome().resumeAt();
            } else {
                position++;
            }
            reader = null;
        }
    }

    /** Returns the found markers from the front whose span is known (most chunks complete none: then no new list). */
    private List<ParsedMarker> takeDecided() {
        if (found.isEmpty() || !found.peekFirst().spanKnown()) {
            return List.of();
        }
        List<ParsedMarker> decided = new ArrayList<>();
        while (!found.isEmpty() && found.peekFirst().spanKnown()) {
            decided.add(found.removeFirst().marker());
        }
        return decided;
    }

    /** A marker found by the scan; an invalid one spans up to the first {@code </action>} after its opening tag, or the text's end. */
    private final class Found {
        private final int start;
        private final MarkerReader.Outcome outcome;

        Found(int start, MarkerReader.Outcome outcome) {
            this.start = start;
            this.outcome = outcome;
        }

        boolean spanKnown() {
            return outcome.marker() != null || complete || closingTags.next(outcome.resumeAt()) >= 0;
        }

        ParsedMarker marker() {
            if (outcome.marker() != null) {
                return outcome.marker();
            }
            int closingTag = closingTags.next(outcome.resumeAt());
            int end = closingTag >= 0 ? closingTag + MarkerReader.CLOSE.length() : text.length();
            return new InvalidMarker(start, end, outcome.type(), outcome.reason());
        }
    }
}
