package dev.chatactions.core.action;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text received so far. Besides the whole text it keeps each chunk as a {@code String}, because
 * {@code String.indexOf(char)} is vectorised by the JVM and an order of magnitude faster than
 * searching a {@code StringBuilder}: the scan jumps between the few characters that matter.
 * Forward searches ({@link #search}) remember how far they have looked, so text fed in many chunks
 * is still searched about once.
 */
final class GrowingText implements CharSequence {

    /**
     * A chunk shorter than this takes the next piece into itself: a model streaming a character at a
     * time would otherwise cost an object of some 40 bytes per character, 20 times the text's own size.
     */
    static final int SMALL_CHUNK = 256;

    private final List<String> chunks = new ArrayList<>();
    /** The whole text: the only chunk itself until a second one arrives (parsing a whole text copies nothing). */
    private String single = "";
    private StringBuilder whole;
    private int[] chunkStarts = new int[8];

    void append(CharSequence chunk) {
        if (chunk.length() == 0) {
            return;
        }
        String piece = chunk.toString();
        int last = chunks.size() - 1;
        if (last >= 0 && chunks.get(last).length() < SMALL_CHUNK) {
            String merged = chunks.get(last) + piece;
            chunks.set(last, merged);
            if (last == 0) {
                single = merged;
            } else {
                whole.append(piece);
            }
            return;
        }
        if (chunks.size() == chunkStarts.length) {
            chunkStarts = Arrays.copyOf(chunkStarts, chunkStarts.length * 2);
        }
        chunkStarts[chunks.size()] = length();
        chunks.add(piece);
        if (chunks.size() == 1) {
            single = piece;
        } else {
            if (whole == null) {
                whole = new StringBuilder(single);
            }
            whole.append(piece);
        }
    }

    /** A forward search for {@code needle} in this text. */
    Search search(String needle) {
        return search(needle, 0);
    }

    /** @param anchor the index of the needle's rarest character in prose, which the search runs on */
    Search search(String needle, int anchor) {
        return new Search(needle, anchor);
    }

    /** The smaller of two indexes found by searches, ignoring -1 (not found). */
    static int nearest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /**
     * The next occurrence of a fixed string, remembering how far it has already searched. Callers
     * ask with non-decreasing start positions, so every character is searched about once however
     * the text arrives.
     */
    final class Search {

        private final String needle;
        private final int anchor;
        private int memoFrom = -1;
        /** The answer for {@code memoFrom}; if -1, {@code searchedTo} is the text length when that search gave up. */
        private int found = -1;
        private int searchedTo;

        private Search(String needle, int anchor) {
            this.needle = needle;
            this.anchor = anchor;
        }

        /** The first index at or after {@code from} where the needle starts in the text so far, or -1. */
        int next(int from) {
            int searchFrom = from;
            if (memoFrom >= 0 && from >= memoFrom) {
                if (found >= from) {
                    return found;
                }
                if (found < 0) {
                    if (searchedTo == length()) {
                        return -1;
                    }
                    searchFrom = Math.max(from, searchedTo - needle.length() + 1);
                }
            }
            found = indexOf(needle, anchor, searchFrom);
            memoFrom = from;
            searchedTo = length();
            return found;
        }
    }

    /** The first index at or after {@code from} where {@code needle} starts, or -1; the search runs on {@code needle.charAt(anchor)}. */
    private int indexOf(String needle, int anchor, int from) {
        char c = needle.charAt(anchor);
        for (int i = indexOf(c, from + anchor); i >= 0; i = indexOf(c, i + 1)) {
            if (needle.length() == 1 || startsWith(needle, i - anchor)) {
                return i - anchor;
            }
        }
        return -1;
    }

    private boolean startsWith(String needle, int at) {
        if (at + needle.length() > length()) {
            return false;
        }
        for (int i = 0; i < needle.length(); i++) {
            if (charAt(at + i) != needle.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(char c, int from) {
        if (chunks.size() == 1) {
            return single.indexOf(c, from);
        }
        for (int k = chunkIndex(from); k >= 0 && k < chunks.size(); k++) {
            int found = chunks.get(k).indexOf(c, Math.max(0, from - chunkStarts[k]));
            if (found >= 0) {
                return chunkStarts[k] + found;
            }
        }
        return -1;
    }

    /** The index of the chunk holding {@code position} (which must be inside the text). */
    int chunkIndex(int position) {
        if (chunks.size() == 1) {
            return 0;
        }
        int index = Arrays.binarySearch(chunkStarts, 0, chunks.size(), position);
        return index >= 0 ? index : -index - 2;
    }

    /** The UTF-8 length of {@code [from, to)}. */
    int utf8Length(int from, int to) {
        int bytes = to - from;
        int position = from;
        while (position < to) {
            int k = chunkIndex(position);
            String chunk = chunks.get(k);
            int end = Math.min(chunk.length(), to - chunkStarts[k]);
            for (int i = position - chunkStarts[k]; i < end; i++) {
                char c = chunk.charAt(i);
                if (c >= 0x80) {
                    bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
                }
            }
            position = chunkStarts[k] + end;
        }
        return bytes;
    }

    String chunk(int k) {
        return chunks.get(k);
    }

    int chunkStart(int k) {
        return chunkStarts[k];
    }

    @Override
    public int length() {
        return whole == null ? single.length() : whole.length();
    }

    @Override
    public char charAt(int index) {
        return whole == null ? single.charAt(index) : whole.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return substring(start, end);
    }

    String substring(int start, int end) {
        return whole == null ? single.substring(start, end) : whole.substring(start, end);
    }

    @Override
    public String toString() {
        return whole == null ? single : whole.toString();
    }
}
