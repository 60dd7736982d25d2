package dev.chatactions.core.action;

/**
 * Finds the next occurrence of a fixed string in a growing text, remembering how far it has
 * already searched. Callers ask with non-decreasing start positions, so every character is
 * searched about once however the text arrives.
 */
final class TextFinder {

    static final int NOT_YET = -1;

    private final String needle;
    private final int anchor;
    private int memoFrom = -1;
    private int found = NOT_YET;
    /** With {@code found == NOT_YET}: the text length when the search from {@code memoFrom} gave up. */
    private int searchedTo;

    TextFinder(String needle) {
        this(needle, 0);
    }

    /** @param anchor the index of the needle's rarest character, which the search runs on */
    TextFinder(String needle, int anchor) {
        this.needle = needle;
        this.anchor = anchor;
    }

    /** The first index at or after {@code from} where the needle starts, or {@link #NOT_YET}. */
    int next(GrowingText text, int from) {
        int searchFrom = from;
        if (memoFrom >= 0 && from >= memoFrom) {
            if (found >= from) {
                return found;
            }
            if (found == NOT_YET) {
                if (searchedTo == text.length()) {
                    return NOT_YET;
                }
                searchFrom = Math.max(from, searchedTo - needle.length() + 1);
            }
        }
        found = text.indexOf(needle, anchor, searchFrom);
        memoFrom = from;
        searchedTo = text.length();
        return found;
    }

    /** The smaller of two found indexes, ignoring {@link #NOT_YET}. */
    static int nearest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
