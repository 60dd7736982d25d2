package dev.chatactions.adapter.history;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file line by line as bytes, one line in memory at a time, telling whether each ends with
 * a newline. A line longer than {@link #MAX_LINE} (not a history file?) keeps only its start.
 */
final class LineReader implements Closeable {

    /** Far above any record (payloads are capped at 64 KiB), far below trouble. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    /** One line without its newline; {@code number} is 1-based; {@code overlong} lines lost their end. */
    record Line(long number, byte[] bytes, boolean terminated, boolean overlong) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String overlongProblem() {
            return "line longer than " + (MAX_LINE >> 20) + " MiB";
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] current = new byte[1024];
    private boolean overlong;
    private long number;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        int length = 0;
        overlong = false;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer);
                if (read <= 0) {
                    return length == 0 ? null : new Line(++number, Arrays.copyOf(current, length), false, overlong);
                }
                position = 0;
                limit = read;
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            length = appendToCurrent(length, end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return new Line(++number, Arrays.copyOf(current, length), true, overlong);
            }
        }
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int appendToCurrent(int length, int count) {
        if (length + count > MAX_LINE) {
            overlong = true;
            count = MAX_LINE - length;
        }
        if (length + count > current.length) {
            current = Arrays.copyOf(current, Math.max(current.length * 2, length + count));
        }
        System.arraycopy(buffer, position, current, length, count);
        return length + count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
