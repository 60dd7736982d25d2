package dev.chatactions.core.action;

import java.util.Arrays;

/**
 * Tracks where the marker scan stands in the Markdown of a growing text: in prose, in a fenced
 * code block, or at an inline code span, as CommonMark decides them (DESIGN.md, "Marker grammar");
 * markers in code are examples. It also finds paragraph ends (a blank line or a fence opening),
 * because no code span crosses one.
 *
 * <p>Resumable: when the text so far cannot tell (a fence line not yet ended, a code span not yet
 * closed), it answers {@link Answer#NOT_YET} and goes on from the same point when more comes. Three
 * cursors move forward over the text, each with its own memoised searches, so the total work stays
 * linear: the scan itself, the paragraph skip ahead of it, and the code span lookahead.
 */
final class CodeContext {

    private final GrowingText text;
    private final GrowingText.Search openingTags;
    private final GrowingText.Search openBrackets;
    private final GrowingText.Search backticks;
    private final GrowingText.Search tildes;
    private final Lines scanLines;
    /** Where the scan stands: what lies before it has been passed as prose or code. */
    private int position;

    /** The fence character while inside a fenced code block, else 0. */
    private char fenceChar;
    private int fenceLength;

    private final Lines skipLines;
    /** Every line start from the last skip target up to here has been looked at. */
    private int skipCursor = -1;
    private boolean skipCursorAtLineStart;

    private final Lines spanLines;
    /** Index: run length. A queue from an earlier paragraph is emptied when next touched, so a reset costs nothing. */
    private RunStarts[] runStartsByLength = new RunStarts[16];
    private int spanParagraph;
    /** The code span lookahead has looked at everything before here, in the paragraph of the last opener. */
    private int spanFrontier;
    private boolean spanFrontierAtLineStart;
    private boolean paragraphEndSeen;
    private int paragraphEnd;
    private int closerStart;

    CodeContext(GrowingText text) {
        this.text = text;
        openingTags = text.search(MarkerReader.OPEN);
        openBrackets = text.search("<");
        backticks = text.search("`");
        tildes = text.search("~");
        scanLines = new Lines(text);
        skipLines = new Lines(text);
        spanLines = new Lines(text);
    }

    /**
     * Is there a {@code <} outside code, at or after {@code from}, that may open a marker? {@link
     * Answer#YES}: at {@link #position()}. {@link Answer#NO}: none in the complete text. {@link
     * Answer#NOT_YET}: the text so far tells nothing more; ask again from {@link #position()}.
     */
    Answer nextOpening(boolean complete, int from) {
        position = from;
        while (true) {
            int opening = openingTags.next(position);
            if (opening < 0) {
                // No "<action" ahead: nothing can be reported, so fences and code spans need no
                // analysis (yet). Marker-free text costs one search.
                if (!complete) {
                    return Answer.NOT_YET;
                }
                position = text.length();
                return Answer.NO;
            }
            Answer opens = fenceChar != 0 ? inFence(complete) : inProse(complete, opening);
            if (opens != Answer.NO) {
                return opens;
            }
        }
    }

    /** Where the last {@link #nextOpening} stopped. */
    int position() {
        return position;
    }

    /**
     * One step through prose: skips the paragraphs before the one of the next {@code <action} (at
     * {@code opening}), then goes to the next character that may matter ({@code <}, a backtick, a
     * tilde) and over the code it starts. Whether a marker may open where it stops.
     */
    private Answer inProse(boolean complete, int opening) {
        int skipTo = paragraphSkipTarget(complete, opening);
        if (skipTo > position) {
            position = skipTo;
            return Answer.NO;
        }
        int next = GrowingText.nearest(openBrackets.next(position),
                GrowingText.nearest(backticks.next(position), tildes.next(position)));
        position = next;
        if (text.charAt(next) == '<') {
            return Answer.YES;
        }
        int runEnd = scanLines.runEnd(next, text.charAt(next));
        if (runEnd == text.length() && !complete) {
            return Answer.NOT_YET;
        }
        Answer fence = scanLines.opensFence(complete, next, runEnd);
        if (fence == Answer.NOT_YET) {
            return Answer.NOT_YET;
        }
        if (fence == Answer.YES) {
            fenceChar = text.charAt(next);
            fenceLength = runEnd - next;
            position = runEnd;
            return Answer.NO;
        }
        if (text.charAt(next) == '~') {
            position = runEnd;
            return Answer.NO;
        }
        Answer span = closesCodeSpan(complete, next, runEnd - next);
        if (span == Answer.NOT_YET) {
            return Answer.NOT_YET;
        }
        position = span == Answer.YES ? closerStart + (runEnd - next) : runEnd;
        return Answer.NO;
    }

    /** One step inside a fenced block: to the next run of the fence character, and past the fence if it closes it. */
    private Answer inFence(boolean complete) {
        int next = (fenceChar == '`' ? backticks : tildes).next(position);
        if (next < 0) {
            position = text.length();
            return complete ? Answer.NO : Answer.NOT_YET;
        }
        position = next;
        int runEnd = scanLines.runEnd(next, fenceChar);
        if (runEnd == text.length() && !complete) {
            return Answer.NOT_YET;
        }
        Answer closes = scanLines.closesFence(complete, next, runEnd, fenceLength);
        if (closes == Answer.NOT_YET) {
            return Answer.NOT_YET;
        }
        if (closes == Answer.YES) {
            fenceChar = 0;
        }
        position = runEnd;
        return Answer.NO;
    }

    /**
     * Where the prose scan at {@link #position} may go on without looking at anything in between:
     * the line break of the last blank line before {@code limit} (the next {@code <action}), or the
     * run of a fence opening before it, or {@link #position} itself when there is neither. Nothing
     * in a paragraph without an {@code <action} can hide what follows it, so only its line starts
     * matter, to find the breaks and the fence openings.
     */
    private int paragraphSkipTarget(boolean complete, int limit) {
        if (skipCursor < position) {
            skipCursor = position;
            // Only blanks between a line start and position: this line's fence opening is still ahead.
            skipCursorAtLineStart = startsLine(text, position);
        }
        int target = position;
        while (skipCursor < limit) {
            if (!skipCursorAtLineStart) {
                int lineBreak = skipLines.nextLineBreak(skipCursor);
                if (lineBreak < 0 || lineBreak >= limit) {
                    skipCursor = limit;
                    break;
                }
                // lineBreak < limit < length: the characters after it are there.
                skipCursor = lineBreak + (text.charAt(lineBreak) == '\r' && text.charAt(lineBreak + 1) == '\n' ? 2 : 1);
                skipCursorAtLineStart = true;
                continue;
            }
            Answer ends = skipLines.endsParagraph(complete, skipCursor);
            if (ends == Answer.NOT_YET) {
                break;
            }
            int content = skipLines.content();
            if (ends == Answer.YES) {
                if (content < text.length() && !isLineBreak(text.charAt(content))) {
                    return content; // a fence opening: the scan must see it
                }
                target = content; // a blank line
            }
            skipCursor = content;
            skipCursorAtLineStart = false;
        }
        return target;
    }

    /**
     * Does the backtick run {@code [opener, opener + length)} open a code span, that is, is there a
     * run of exactly its length later in its paragraph? If {@link Answer#YES}, it starts at {@code
     * closerStart}. Every run met while looking is remembered by length, and the paragraph's end once
     * found, so later openers in the same paragraph are answered from memory: a storm of unmatched
     * backticks costs one pass, not one pass per opener.
     */
    private Answer closesCodeSpan(boolean complete, int opener, int length) {
        int openerEnd = opener + length;
        if (opener >= spanFrontier || (paragraphEndSeen && opener >= paragraphEnd)) {
            // The opener's line is neither blank nor a fence line (it holds the opener), so the look starts mid-line.
            spanFrontier = openerEnd;
            spanFrontierAtLineStart = false;
            paragraphEndSeen = false;
            spanParagraph++;
        }
        RunStarts seen = runStarts(length);
        seen.dropBelow(openerEnd);
        if (!seen.isEmpty()) {
            closerStart = seen.first();
            return Answer.YES;
        }
        return paragraphEndSeen ? Answer.NO : lookForCloser(complete, length);
    }

    private RunStarts runStarts(int length) {
        if (length >= runStartsByLength.length) {
            runStartsByLength = Arrays.copyOf(runStartsByLength, Math.max(length + 1, 2 * runStartsByLength.length));
        }
        RunStarts queue = runStartsByLength[length];
        if (queue == null) {
            queue = new RunStarts();
            runStartsByLength[length] = queue;
        }
        queue.belongTo(spanParagraph);
        return queue;
    }

    private Answer lookForCloser(boolean complete, int wanted) {
        int length = text.length();
        while (spanFrontier < length) {
            if (spanFrontierAtLineStart) {
                Answer ends = spanLines.endsParagraph(complete, spanFrontier);
                if (ends == Answer.NOT_YET) {
                    return Answer.NOT_YET;
                }
                if (ends == Answer.YES) {
                    paragraphEnd = spanFrontier;
                    paragraphEndSeen = true;
                    return Answer.NO;
                }
                spanFrontier = spanLines.content();
                spanFrontierAtLineStart = false;
                continue;
            }
            char c = text.charAt(spanFrontier);
            if (c == '`') {
                int runEnd = spanLines.runEnd(spanFrontier, '`');
                if (runEnd == length && !complete) {
                    return Answer.NOT_YET;
                }
                int runStart = spanFrontier;
                spanFrontier = runEnd;
                if (runEnd - runStart == wanted) {
                    closerStart = runStart;
                    return Answer.YES;
                }
                runStarts(runEnd - runStart).add(runStart);
            } else if (c == '\r') {
                if (spanFrontier + 1 == length && !complete) {
                    return Answer.NOT_YET;
                }
                spanFrontier += spanFrontier + 1 < length && text.charAt(spanFrontier + 1) == '\n' ? 2 : 1;
                spanFrontierAtLineStart = true;
            } else if (c == '\n') {
                spanFrontier++;
                spanFrontierAtLineStart = true;
            } else {
                spanFrontier = nextBacktickOrLineBreak(spanFrontier + 1);
            }
        }
        if (!complete) {
            return Answer.NOT_YET;
        }
        paragraphEnd = length;
        paragraphEndSeen = true;
        return Answer.NO;
    }

    /**
     * The first backtick or line break at or after {@code from} in its chunk, else the chunk's end.
     * A tight loop on the chunk string: the text between backtick runs is where a storm spends its time.
     */
    private int nextBacktickOrLineBreak(int from) {
        if (from == text.length()) {
            return from;
        }
        int k = text.chunkIndex(from);
        String chunk = text.chunk(k);
        int i = from - text.chunkStart(k);
        while (i < chunk.length()) {
            char c = chunk.charAt(i);
            if (c == '`' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        return text.chunkStart(k) + i;
    }

    /** Whether only zero to three spaces stand between the start of a line and {@code q}. */
    private static boolean startsLine(GrowingText text, int q) {
        int i = q;
        while (i > 0 && q - i < 4 && text.charAt(i - 1) == ' ') {
            i--;
        }
        if (q - i > 3) {
            return false;
        }
        return i == 0 || isLineBreak(text.charAt(i - 1));
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /**
     * Recognises the lines that matter to code: fence openings and closings (up to three spaces,
     * then three or more backticks or tildes) and paragraph ends. Each cursor owns one, so its
     * memoised searches and run measures only move forward.
     */
    private static final class Lines {

        private final GrowingText text;
        private final GrowingText.Search backticks;
        private final GrowingText.Search lineFeeds;
        private final GrowingText.Search carriageReturns;
        private final RunMeasure runs = new RunMeasure();
        private final RunMeasure blanks = new RunMeasure();
        private int content;

        Lines(GrowingText text) {
            this.text = text;
            backticks = text.search("`");
            lineFeeds = text.search("\n");
            carriageReturns = text.search("\r");
        }

        /** The end of the run of {@code c} that starts at {@code from}. */
        int runEnd(int from, char c) {
            return runs.end(text, from, c);
        }

        int nextLineBreak(int from) {
            return GrowingText.nearest(lineFeeds.next(from), carriageReturns.next(from));
        }

        /**
         * Does the run {@code [q, runEnd)} open a fence? A backtick fence's info string may not
         * contain a backtick, so that answer may have to wait for the end of the line.
         */
        Answer opensFence(boolean complete, int q, int runEnd) {
            if (runEnd - q < 3 || !startsLine(text, q)) {
                return Answer.NO;
            }
            if (text.charAt(q) == '~') {
                return Answer.YES;
            }
            int backtick = backticks.next(runEnd);
            int lineBreak = nextLineBreak(runEnd);
            if (lineBreak >= 0 && (backtick < 0 || lineBreak < backtick)) {
                return Answer.YES;
            }
            if (backtick >= 0) {
                return Answer.NO;
            }
            return complete ? Answer.YES : Answer.NOT_YET;
        }

        /** Does the run {@code [q, runEnd)} close a fence of {@code fenceLength}? Only blanks may follow on its line. */
        Answer closesFence(boolean complete, int q, int runEnd, int fenceLength) {
            if (runEnd - q < fenceLength || !startsLine(text, q)) {
                return Answer.NO;
            }
            int after = blanks.end(text, runEnd, RunMeasure.BLANKS);
            if (after == text.length()) {
                return complete ? Answer.YES : Answer.NOT_YET;
            }
            return isLineBreak(text.charAt(after)) ? Answer.YES : Answer.NO;
        }

        /**
         * Does the line starting at {@code lineStart} (inside the text) end the paragraph: is it
         * blank or a fence opening? Unless {@link Answer#NOT_YET}, {@link #content()} then tells
         * where its first non-blank character is.
         */
        Answer endsParagraph(boolean complete, int lineStart) {
            if (startsPlainLine(lineStart)) {
                content = lineStart;
                return Answer.NO;
            }
            content = blanks.end(text, lineStart, RunMeasure.BLANKS);
            if (content == text.length()) {
                return complete ? Answer.YES : Answer.NOT_YET;
            }
            char c = text.charAt(content);
            if (isLineBreak(c)) {
                return Answer.YES;
            }
            if ((c != '`' && c != '~') || !startsLine(text, content)) {
                return Answer.NO;
            }
            int runEnd = runEnd(content, c);
            if (runEnd == text.length() && !complete) {
                return Answer.NOT_YET;
            }
            return opensFence(complete, content, runEnd);
        }

        /** The first character of the last line asked about that is no space or tab: its line break or the text's end if none. */
        int content() {
            return content;
        }

        /** Settles most lines of prose by their first character: neither blank nor the start of a fence. */
        private boolean startsPlainLine(int lineStart) {
            char c = text.charAt(lineStart);
            if (c == '`' || c == '~') {
                // A run shorter than three opens no fence.
                int length = text.length();
                return (lineStart + 1 < length && text.charAt(lineStart + 1) != c)
                        || (lineStart + 2 < length && text.charAt(lineStart + 1) == c && text.charAt(lineStart + 2) != c);
            }
            return c != ' ' && c != '\t' && !isLineBreak(c);
        }
    }

    /**
     * Measures a run of equal characters (or of spaces and tabs). Asked again about the same run
     * after more text arrived, it goes on where it stopped instead of starting over.
     */
    private static final class RunMeasure {

        /** Pass as the run character to measure spaces and tabs. */
        static final char BLANKS = 0;

        private int memoFrom = -1;
        private char memoChar;
        private int memoEnd;

        /** The end (exclusive) of the run of {@code c} starting at {@code from}. */
        int end(GrowingText text, int from, char c) {
            int i = from == memoFrom && c == memoChar ? memoEnd : from;
            while (i < text.length()) {
                int k = text.chunkIndex(i);
                String chunk = text.chunk(k);
                int start = i - text.chunkStart(k);
                int j = c == BLANKS ? blanksEnd(chunk, start) : runEnd(chunk, start, c);
                i = text.chunkStart(k) + j;
                if (j < chunk.length()) {
                    break;
                }
            }
            memoFrom = from;
            memoChar = c;
            memoEnd = i;
            return i;
        }

        /** Two loops rather than one with a test per character: backtick runs in a storm are measured here. */
        private static int runEnd(String chunk, int from, char c) {
            int j = from;
            while (j < chunk.length() && chunk.charAt(j) == c) {
                j++;
            }
            return j;
        }

        private static int blanksEnd(String chunk, int from) {
            int j = from;
            while (j < chunk.length() && (chunk.charAt(j) == ' ' || chunk.charAt(j) == '\t')) {
                j++;
            }
            return j;
        }
    }

    /** A growing queue of ascending backtick run starts, valid for one paragraph. */
    private static final class RunStarts {
        private int[] items = new int[4];
        private int head;
        private int size;
        private int paragraph = -1;

        void belongTo(int current) {
            if (paragraph != current) {
                paragraph = current;
                head = 0;
                size = 0;
            }
        }

        void add(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        void dropBelow(int bound) {
            while (head < size && items[head] < bound) {
                head++;
            }
        }

        boolean isEmpty() {
            return head == size;
        }

        int first() {
            return items[head];
        }
    }
}
