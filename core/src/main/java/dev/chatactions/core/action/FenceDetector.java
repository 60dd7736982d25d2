package dev.chatactions.core.action;

/**
 * Recognises CommonMark fence lines (up to three spaces, then three or more backticks or tildes)
 * in a growing text. Each scanning cursor owns one detector, so its memoised searches only move
 * forward.
 */
final class FenceDetector {

    enum Answer { YES, NO, UNDECIDED }

    private final RunMeasure runs = new RunMeasure();
    private final RunMeasure blanks = new RunMeasure();
    private final TextFinder backticks = new TextFinder("`");
    private final TextFinder lineFeeds = new TextFinder("\n");
    private final TextFinder carriageReturns = new TextFinder("\r");

    /** The end of the run of the character at {@code q}. */
    int runEnd(GrowingText text, int q) {
        return runs.end(text, q, text.charAt(q));
    }

    /**
     * Whether the run {@code [q, runEnd)} opens a fence. A backtick fence's info string may not
     * contain a backtick, so that answer may have to wait for the end of the line.
     */
    Answer opens(GrowingText text, boolean complete, int q, int runEnd) {
        if (runEnd - q < 3 || !startsLine(text, q)) {
            return Answer.NO;
        }
        if (text.charAt(q) == '~') {
            return Answer.YES;
        }
        int backtick = backticks.next(text, runEnd);
        int lineBreak = nextLineBreak(text, runEnd);
        if (lineBreak >= 0 && (backtick < 0 || lineBreak < backtick)) {
            return Answer.YES;
        }
        if (backtick >= 0) {
            return Answer.NO;
        }
        return complete ? Answer.YES : Answer.UNDECIDED;
    }

    /** Whether the run {@code [q, runEnd)} closes a fence of {@code fenceLength}: only blanks may follow on its line. */
    Answer closes(GrowingText text, boolean complete, int q, int runEnd, int fenceLength) {
        if (runEnd - q < fenceLength || !startsLine(text, q)) {
            return Answer.NO;
        }
        int after = blanks.end(text, runEnd, RunMeasure.BLANKS);
        if (after == text.length()) {
            return complete ? Answer.YES : Answer.UNDECIDED;
        }
        return isLineBreak(text.charAt(after)) ? Answer.YES : Answer.NO;
    }

    private int nextLineBreak(GrowingText text, int from) {
        int lf = lineFeeds.next(text, from);
        int cr = carriageReturns.next(text, from);
        return TextFinder.nearest(lf, cr);
    }

    /** Whether only zero to three spaces stand between the start of a line and {@code q}. */
    static boolean startsLine(CharSequence text, int q) {
        int i = q;
        while (i > 0 && q - i < 4 && text.charAt(i - 1) == ' ') {
            i--;
        }
        if (q - i > 3) {
            return false;
        }
        return i == 0 || isLineBreak(text.charAt(i - 1));
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
