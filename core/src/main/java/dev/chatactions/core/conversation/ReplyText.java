package dev.chatactions.core.conversation;

/**
 * A turn's reply text as it grows, held once: the core appends each delta and records it at the end,
 * the app reads any part of it for clients that connect late. Never holds more than the reply cap:
 * it grows by doubling, but not past the cap, so at the cap it holds at most 2 bytes a char. A reader
 * takes its chars where they are ({@link #charAt}), without a copy per read.
 */
public final class ReplyText implements CharSequence {

    private final int cap;
    private StringBuilder text = new StringBuilder();

    ReplyText(int cap) {
        this.cap = cap;
    }

    /** Appends {@code piece}; the caller keeps the text within the cap. */
    synchronized void append(String piece) {
        int needed = text.length() + piece.length();
        if (needed > text.capacity()) {
            text = new StringBuilder(Math.max(needed, Math.min(cap, 2 * text.capacity() + 2))).append(text);
        }
        text.append(piece);
    }

    @Override
    public synchronized int length() {
        return text.length();
    }

    @Override
    public synchronized char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public synchronized CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    /** The chars it has room for (the memory it holds, 1 or 2 bytes each); at most the cap. */
    public synchronized int capacity() {
        return text.capacity();
    }

    @Override
    public synchronized String toString() {
        return text.toString();
    }
}
