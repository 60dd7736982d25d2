package dev.chatactions.core.action;

import java.util.Arrays;

/**
 * Finds the closer of an inline code span: the next backtick run of exactly the opener's length
 * in the same paragraph (a blank line or a fence line ends the paragraph).
 *
 * <p>Every run met while looking is remembered by length, and the paragraph's end once found, so
 * later openers in the same paragraph are answered from memory: a storm of unmatched backticks
 * costs one pass, not one pass per opener.
 */
final class CodeSpanLookahead {

    /** No closer: the opener's backticks are literal text. */
    static final int NONE = -1;
    /** The text so far cannot tell. */
    static final int UNDECIDED = -2;

    private final RunMeasure runs = new RunMeasure();
    private final ParagraphBreaks breaks = new ParagraphBreaks();
    /** Index: run length. A queue from an earlier paragraph is emptied when next touched, so a reset costs nothing. */
    private IntQueue[] runStartsByLength = new IntQueue[16];
    private int paragraph;
    private int frontier;
    private boolean frontierAtLineStart;
    private int paragraphEnd = NONE;

    /** The start of the closer for the opener run {@code [opener, opener + length)}, {@link #NONE} or {@link #UNDECIDED}. */
    int closer(GrowingText text, boolean complete, int opener, int length) {
        int openerEnd = opener + length;
        if (opener >= frontier || (paragraphEnd != NONE && opener >= paragraphEnd)) {
            startParagraphAt(openerEnd);
        }
        IntQueue seen = runStarts(length);
        seen.dropBelow(openerEnd);
        if (!seen.isEmpty()) {
            return seen.first();
        }
        return paragraphEnd != NONE ? NONE : scan(text, complete, length);
    }

    /** The opener's line is neither blank nor a fence line (it holds the opener), so the scan starts mid-line. */
    private void startParagraphAt(int position) {
        frontier = position;
        frontierAtLineStart = false;
        paragraphEnd = NONE;
        paragraph++;
    }

    private IntQueue runStarts(int length) {
        if (length >= runStartsByLength.length) {
            runStartsByLength = Arrays.copyOf(runStartsByLength, Math.max(length + 1, 2 * runStartsByLength.length));
        }
        IntQueue queue = runStartsByLength[length];
        if (queue == null) {
            queue = new IntQueue();
            runStartsByLength[length] = queue;
        }
        queue.belongTo(paragraph);
        return queue;
    }

    private int scan(GrowingText text, boolean complete, int wanted) {
        int length = text.length();
        while (frontier < length) {
            if (frontierAtLineStart) {
                int contentStart = lineContentStart(text, complete);
                if (contentStart == UNDECIDED) {
                    return UNDECIDED;
                }
                if (contentStart == NONE) {
                    paragraphEnd = frontier;
                    return NONE;
                }
                frontier = contentStart;
                frontierAtLineStart = false;
                continue;
            }
            char c = text.charAt(frontier);
            if (c == '`') {
                int runEnd = runs.end(text, frontier, '`');
                if (runEnd == length && !complete) {
                    return UNDECIDED;
                }
                int runStart = frontier;
                frontier = runEnd;
                if (runEnd - runStart == wanted) {
                    return runStart;
                }
                runStarts(runEnd - runStart).add(runStart);
            } else if (c == '\r') {
                if (frontier + 1 == length && !complete) {
                    return UNDECIDED;
                }
                frontier += frontier + 1 < length && text.charAt(frontier + 1) == '\n' ? 2 : 1;
                frontierAtLineStart = true;
            } else if (c == '\n') {
                frontier++;
                frontierAtLineStart = true;
            } else {
                frontier = nextBacktickOrLineBreak(text, frontier + 1);
            }
        }
        if (!complete) {
            return UNDECIDED;
        }
        paragraphEnd = length;
        return NONE;
    }

    /**
     * The first backtick or line break at or after {@code from} in its chunk, else the chunk's end.
     * A tight loop on the chunk string: the text between backtick runs is where a storm spends its time.
     */
    private static int nextBacktickOrLineBreak(GrowingText text, int from) {
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

    /** Where the line at the frontier has its first non-blank, or {@link #NONE} if the line ends the paragraph. */
    private int lineContentStart(GrowingText text, boolean complete) {
        FenceDetector.Answer ends = breaks.endsParagraph(text, complete, frontier);
        if (ends == FenceDetector.Answer.UNDECIDED) {
            return UNDECIDED;
        }
        return ends == FenceDetector.Answer.YES ? NONE : breaks.content();
    }

    /** A growing queue of ascending positions, valid for one paragraph. */
    private static final class IntQueue {
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
