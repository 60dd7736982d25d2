package dev.chatactions.core.action;

/**
 * Tells whether a line ends a paragraph: a blank line or a fence opening does, and no inline code
 * span crosses it. Each scanning cursor owns one, so its memoised searches only move forward.
 */
final class ParagraphBreaks {

    private final FenceDetector fences = new FenceDetector();
    private final RunMeasure blanks = new RunMeasure();
    private int content;

    /**
     * Whether the line starting at {@code lineStart} (inside the text) ends the paragraph. Unless
     * undecided, {@link #content()} then tells where its first non-blank character is.
     */
    FenceDetector.Answer endsParagraph(GrowingText text, boolean complete, int lineStart) {
        if (startsPlainLine(text, lineStart)) {
            content = lineStart;
            return FenceDetector.Answer.NO;
        }
        content = blanks.end(text, lineStart, RunMeasure.BLANKS);
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

    /** The first character of the last line asked about that is no space or tab: its line break or the text's end if none. */
    int content() {
        return content;
    }

    /** A quick look that settles most lines of prose: the first character is neither blank nor the start of a fence. */
    private static boolean startsPlainLine(GrowingText text, int lineStart) {
        char c = text.charAt(lineStart);
        if (c == '`' || c == '~') {
            // A run shorter than three opens no fence.
            int length = text.length();
            return (lineStart + 1 < length && text.charAt(lineStart + 1) != c)
                    || (lineStart + 2 < length && text.charAt(lineStart + 1) == c && text.charAt(lineStart + 2) != c);
        }
        return c != ' ' && c != '\t' && !FenceDetector.isLineBreak(c);
    }
}
