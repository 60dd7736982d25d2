package dev.chatactions.core.action;

/**
 * Tells whether a line ends a paragraph: a blank line or a fence opening does, and no inline code
 * span crosses it. Each scanning cursor owns one, so its memoised searches only move forward.
 */
final class ParagraphBreaks {

    private final FenceDetector fences = new FenceDetector();
    private final RunMeasure blanks = new RunMeasure();

    /**
     * A quick look at the line starting at {@code lineStart} (inside the text): true when its first
     * character shows that it is neither blank nor a fence opening, as for most lines of prose.
     */
    static boolean startsPlainLine(GrowingText text, int lineStart) {
        char c = text.charAt(lineStart);
        if (c == '`' || c == '~') {
            // A run shorter than three opens no fence.
            int length = text.length();
            return (lineStart + 1 < length && text.charAt(lineStart + 1) != c)
                    || (lineStart + 2 < length && text.charAt(lineStart + 1) == c && text.charAt(lineStart + 2) != c);
        }
        return c != ' ' && c != '\t' && !FenceDetector.isLineBreak(c);
    }

    /** The first character of the line starting at {@code lineStart} that is no space or tab (its line break or the text's end if none). */
    int contentStart(GrowingText text, int lineStart) {
        return blanks.end(text, lineStart, RunMeasure.BLANKS);
    }

    /** Whether the line whose {@link #contentStart} is {@code content} ends the paragraph. */
    FenceDetector.Answer endsParagraph(GrowingText text, boolean complete, int content) {
        if (content == text.length()) {
            return complete ? FenceDetector.Answer.YES : FenceDetector.Answer.UNDECIDED;
        }
        char c = text.charAt(content);
        if (FenceDetector.isLineBreak(c)) {
            return FenceDetector.Answer.YES;
        }
        if ((c != '`' && c != '~') || !FenceDetector.startsLine(text, content)) {
            return FenceDetector.Answer.NO;
        }
        int runEnd = fences.runEnd(text, content);
        if (runEnd == text.length() && !complete) {
            return FenceDetector.Answer.UNDECIDED;
        }
        return fences.opens(text, complete, content, runEnd);
    }
}
