package dev.chatactions.adapter.claude;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines from a process without ever holding more than {@code maxLineBytes} of one: a
 * flood without line ends cannot grow memory. Not thread-safe; one reader thread owns it.
 */
final class BoundedLineReader {

    /** One line without its end, or the news that a line passed the cap (its text is then not kept). */
    record Line(String text, boolean tooLong) {
        static final Line TOO_LONG = new Line("", true);
    }

    private final InputStream in;
    private final int maxLineBytes;
    /** Small: a process's stdout is buffered already (8 KiB), and 64 turns may read at once. */
    private final byte[] buffer = new byte[1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private boolean skippingRest;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line; {@link Line#TOO_LONG} as soon as a line passes the cap (a later call skips
     * the rest of it); null at the end of the stream (a last line without an end is returned first).
     */
    Line next() throws IOException {
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    if (line.size() == 0 || skippingRest) {
                        line.reset();
                        return null;
                    }
                    return take();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit;
            if (!skippingRest) {
                line.write(buffer, start, position - start);
            }
            if (ended) {
                position++;
                if (skippingRest) {
                    skippingRest = false;
                    continue;
                }
                return take();
            }
            if (!skippingRest && line.size() > maxLineBytes) {
                line.reset();
                skippingRest = true;
                return Line.TOO_LONG;
            }
        }
    }

    private Line take() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return new Line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, false);
    }
}
