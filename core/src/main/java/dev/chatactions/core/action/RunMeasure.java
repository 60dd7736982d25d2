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
            int j = c == BLANKS ? blanksEnd(chunk, i - text.chunkStart(k)) : runEnd(chunk, i - text.chunkStart(k), c);
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
