package dev.chatactions.core.action;

/**
 * Measures a run of equal characters (or of spaces and tabs) in a growing text. Asked again about
 * the same run after more text arrived, it goes on where it stopped instead of starting over.
 */
final class RunMeasure {

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
            int j = i - text.chunkStart(k);
            while (j < chunk.length() && belongs(chunk.charAt(j), c)) {
                j++;
            }
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

    private static boolean belongs(char ch, char c) {
        return c == BLANKS ? ch == ' ' || ch == '\t' : ch == c;
    }
}
