package dev.chatactions.app.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The {@code text/event-stream} bytes of one write, put together in an array that one stream reuses
 * batch after batch: a delta's text goes from the turn's reply into its JSON here, in UTF-8, without
 * a map, a generator or a string per event.
 */
final class EventStreamBuffer {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    /** The most one char takes here: a backslash-u escape. */
    private static final int MAX_CHAR_BYTES = 6;

    private byte[] bytes = new byte[8 * 1024];
    private int length;

    void clear() {
        length = 0;
    }

    /** The bytes appended since the last {@link #clear()}. */
    int length() {
        return length;
    }

    /** Appends text that is ASCII: the format's own names and lines. */
    EventStreamBuffer ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** Appends a non-negative number in decimal. */
    EventStreamBuffer number(int value) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        room(digits);
        int at = length + digits;
        int rest = value;
        do {
            bytes[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        length += digits;
        return this;
    }

    EventStreamBuffer bytes(byte[] utf8) {
        room(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /**
     * Appends {@code text[start, end)} as a JSON string in UTF-8, quotes included, byte for byte as
     * Jackson writes it: the quote, the backslash and the control characters escaped ({@code \b \t \n
     * \f \r}, the others as a backslash-u escape), and every surrogate as its backslash-u escape, a pair
     * as two. So a lone surrogate, which has no UTF-8 form, needs no case of its own, and a JSON reader
     * turns the escapes back into the same chars.
     */
    EventStreamBuffer jsonString(CharSequence text, int start, int end) {
        room(2);
        bytes[length++] = '"';
        for (int i = start; i < end; i++) {
            room(MAX_CHAR_BYTES);
            char c = text.charAt(i);
            if (c < 0x80) {
                asciiInString(c);
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        room(1);
        bytes[length++] = '"';
        return this;
    }

    private void asciiInString(char c) {
        char escape = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (escape != 0) {
            bytes[length++] = '\\';
            bytes[length++] = (byte) escape;
        } else if (c < 0x20) {
            unicodeEscape(c);
        } else {
            bytes[length++] = (byte) c;
        }
    }

    private void unicodeEscape(char c) {
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        for (int shift = 12; shift >= 0; shift -= 4) {
            bytes[length++] = HEX[c >> shift & 0xF];
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
