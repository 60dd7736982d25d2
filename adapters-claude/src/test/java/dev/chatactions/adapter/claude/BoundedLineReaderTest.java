package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static List<String> readAll(InputStream in, int cap) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(in, cap);
        List<String> lines = new ArrayList<>();
        for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line.tooLong() ? "<too long>" : line.text());
        }
        return lines;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lines_end_at_lf_or_crlf_and_a_last_line_needs_no_end() throws IOException {
        assertThat(readAll(bytes("one\r\ntwo\n\nthree"), 100)).containsExactly("one", "two", "", "three");
    }

    @Test
    void multi_byte_characters_split_across_reads_stay_whole() throws IOException {
        String line = "ü€😀".repeat(3000);

        assertThat(readAll(bytes(line + "\n" + line), 64 * 1024)).containsExactly(line, line);
    }

    @Test
    void a_line_over_the_cap_is_reported_once_and_skipped_to_its_end() throws IOException {
        assertThat(readAll(bytes("short\n" + "x".repeat(50_000) + "\nafter\n"), 1000))
                .containsExactly("short", "<too long>", "after");
        assertThat(readAll(bytes("x".repeat(1000) + "\n" + "y".repeat(1001)), 1000))
                .containsExactly("x".repeat(1000), "<too long>");
    }

    @Test
    void a_flood_without_line_ends_is_reported_before_it_is_read_to_the_end() throws IOException {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'z';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'z');
                served[0] += len;
                return len;
            }
        };

        assertThat(new BoundedLineReader(endless, 1024 * 1024).next().tooLong()).isTrue();
        assertThat(served[0]).isLessThan(2 * 1024 * 1024);
    }
}
