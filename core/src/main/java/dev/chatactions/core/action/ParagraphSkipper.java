package dev.chatactions.core.action;

/**
 * Lets the prose scan jump over paragraphs that hold no {@code <action}. A code span cannot cross
 * a paragraph break (a blank line or a fence opening), so nothing in such a paragraph can hide
 * what follows it: only its line starts matter, to find the breaks and the fence openings. The
 * scan then analyses code spans only in the paragraph of the next {@code <action}.
 *
 * <p>Its cursor only moves forward, so each line start is looked at about once and the lines are
 * found with the vectorised {@code indexOf}.
 */
final class ParagraphSkipper {

    private final ParagraphBreaks breaks = new ParagraphBreaks();
    private final TextFinder lineFeeds = new TextFinder("\n");
    private final TextFinder carriageReturns = new TextFinder("\r");
    /** Every line start from the last jump target up to here has been looked at. */
    private int cursor = -1;
    private boolean cursorAtLineStart;

    /**
     * Where the prose scan at {@code from} may go on without looking at anything in between: the
     * line break of the last blank line before {@code limit} (the next {@code <action}), or the
     * run of a fence opening before it, or {@code from} itself when there is neither.
     */
    int target(GrowingText text, boolean complete, int from, int limit) {
        if (cursor < from) {
            cursor = from;
            // Only blanks between a line start and from: this line's fence opening is still ahead.
            cursorAtLineStart = FenceDetector.startsLine(text, from);
        }
        int target = from;
        while (cursor < limit) {
            if (!cursorAtLineStart) {
                int lineBreak = TextFinder.nearest(lineFeeds.next(text, cursor), carriageReturns.next(text, cursor));
                if (lineBreak < 0 || lineBreak >= limit) {
                    cursor = limit;
                    break;
                }
                // lineBreak < limit < length: the characters after it are there.
                cursor = lineBreak + (text.charAt(lineBreak) == '\r' && text.charAt(lineBreak + 1) == '\n' ? 2 : 1);
                cursorAtLineStart = true;
                continue;
            }
            FenceDetector.Answer ends = breaks.endsParagraph(text, complete, cursor);
            if (ends == FenceDetector.Answer.UNDECIDED) {
                break;
            }
            int content = breaks.content();
            if (ends == FenceDetector.Answer.YES) {
                if (content < text.length() && !FenceDetector.isLineBreak(text.charAt(content))) {
                    return content; // a fence opening: the scan must see it
                }
                target = content; // a blank line
            }
            cursor = content;
            cursorAtLineStart = false;
        }
        return target;
    }
}
