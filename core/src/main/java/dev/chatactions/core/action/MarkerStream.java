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
 * is not analysed at all until one arrives: nothing in it could be reported. Paragraphs before the
 * one of the next {@code <action} are skipped by their line starts ({@link ParagraphSkipper}): no
 * code span crosses a paragraph break.
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
    private boolean complete;

    /** Everything before {@code position} is decided. */
    private int position;
    private int openings;
    private boolean stopped;
    /** The fence character while inside a fenced code block, else 0. */
    private char fenceChar;
    private int fenceLength;
    private MarkerReader reader;

    private final TextFinder openBrackets = new TextFinder("<");
    private final TextFinder backticks = new TextFinder("`");
    private final TextFinder tildes = new TextFinder("~");
    private final TextFinder closingTags = new TextFinder(MarkerReader.CLOSE, 1);
    private final TextFinder openingTags = new TextFinder(MarkerReader.OPEN);
    private final FenceDetector fences = new FenceDetector();
    private final CodeSpanLookahead codeSpans = new CodeSpanLookahead();
    private final ParagraphSkipper paragraphs = new ParagraphSkipper();
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

    private void scan() {
        while (!stopped) {
            boolean progressed;
            if (reader != null) {
                progressed = readMarker();
            } else {
                int opening = openingTags.next(text, position);
                if (opening < 0) {
                    // No "<action" ahead: nothing can be reported, so fences and code spans need no
                    // analysis (yet). Marker-free text costs one search.
                    if (complete) {
                        position = text.length();
                    }
                    return;
                }
                progressed = fenceChar != 0 ? scanFence() : scanProse(opening);
            }
            if (!progressed) {
                return;
            }
        }
    }

    private boolean readMarker() {
        MarkerReader.Outcome outcome = reader.read(text, complete);
        if (outcome == null) {
            return false;
        }
        int start = reader.start();
        reader = null;
        if (!outcome.opened()) {
            position = start + 1;
            return true;
        }
        stopped = ++openings > MAX_MARKERS;
        found.add(new Found(start, outcome));
        position = outcome.resumeAt();
        return true;
    }

    /**
     * Prose: skips the paragraphs before the one of the next {@code <action} (at {@code opening}),
     * then jumps to the next character that may matter ({@code <}, a backtick, a tilde).
     */
    private boolean scanProse(int opening) {
        int skipTo = paragraphs.target(text, complete, position, opening);
        if (skipTo > position) {
            position = skipTo;
            return true;
        }
        int next = TextFinder.nearest(openBrackets.next(text, position),
                TextFinder.nearest(backticks.next(text, position), tildes.next(text, position)));
        if (next < 0) {
            position = text.length();
            return false;
        }
        position = next;
        if (text.charAt(next) == '<') {
            if (next + 1 < text.length() && text.charAt(next + 1) != 'a') {
                position = next + 1; // the common "a < b": no reader needed
            } else {
                reader = new MarkerReader(next, openings == MAX_MARKERS);
            }
            return true;
        }
        int runEnd = fences.runEnd(text, next);
        if (runEnd == text.length() && !complete) {
            return false;
        }
        FenceDetector.Answer fence = fences.opens(text, complete, next, runEnd);
        if (fence == FenceDetector.Answer.UNDECIDED) {
            return false;
        }
        if (fence == FenceDetector.Answer.YES) {
            fenceChar = text.charAt(next);
            fenceLength = runEnd - next;
            position = runEnd;
            return true;
        }
        if (text.charAt(next) == '~') {
            position = runEnd;
            return true;
        }
        int closer = codeSpans.closer(text, complete, next, runEnd - next);
        if (closer == CodeSpanLookahead.UNDECIDED) {
            return false;
        }
        position = closer == CodeSpanLookahead.NONE ? runEnd : closer + (runEnd - next);
        return true;
    }

    /** Inside a fence: jumps from one run of the fence character to the next until one closes the fence. */
    private boolean scanFence() {
        int next = (fenceChar == '`' ? backticks : tildes).next(text, position);
        if (next < 0) {
            position = text.length();
            return false;
        }
        position = next;
        int runEnd = fences.runEnd(text, next);
        if (runEnd == text.length() && !complete) {
            return false;
        }
        FenceDetector.Answer closes = fences.closes(text, complete, next, runEnd, fenceLength);
        if (closes == FenceDetector.Answer.UNDECIDED) {
            return false;
        }
        if (closes == FenceDetector.Answer.YES) {
            fenceChar = 0;
        }
        position = runEnd;
        return true;
    }

    /** Returns the found markers from the front whose span is known. */
    private List<ParsedMarker> takeDecided() {
        List<ParsedMarker> decided = new ArrayList<>();
        while (!found.isEmpty()) {
            ParsedMarker marker = found.peekFirst().decide();
            if (marker == null) {
                break;
            }
            decided.add(marker);
            found.removeFirst();
        }
        return decided;
    }

    /** A marker found by the scan; an invalid one waits for the end of its span. */
    private final class Found {
        private final int start;
        private final MarkerReader.Outcome outcome;

        Found(int start, MarkerReader.Outcome outcome) {
            this.start = start;
            this.outcome = outcome;
        }

        ParsedMarker decide() {
            if (outcome.marker() != null) {
                return outcome.marker();
            }
            int closingTag = closingTags.next(text, outcome.resumeAt());
            int end;
            if (closingTag >= 0) {
                end = closingTag + MarkerReader.CLOSE.length();
            } else if (complete) {
                end = text.length();
            } else {
                return null;
            }
            return new InvalidMarker(start, end, outcome.type(), outcome.reason());
        }
    }
}
