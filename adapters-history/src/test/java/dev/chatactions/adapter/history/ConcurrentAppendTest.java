package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAppendTest {

    private static final int THREADS = 16;
    private static final int PER_PROCESS = 2_500;

    @TempDir
    Path dir;

    @Test
    void sixteen_threads_in_each_of_two_processes_append_every_line_once_whole_and_chained() throws Exception {
        Path file = dir.resolve("alice/0123456789ab.ndjson");
        Process other = AppendingProcess.start("burst", file.toString(), "child-", String.valueOf(THREADS),
                String.valueOf(PER_PROCESS));
        try (BufferedReader otherOut = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer otherIn = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(otherOut.readLine()).isEqualTo("ready");
            otherIn.write("go\n");
            otherIn.flush();
            AppendingProcess.appendConcurrently(HistoryFile.at(file), "parent-", THREADS, PER_PROCESS, null);
            assertThat(otherOut.readLine()).isEqualTo("done");
        } finally {
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        List<String> keys;
        try (Stream<HistoryRecord> records = HistoryFile.at(file).records()) {
            keys = records.map(r -> ((ActionLine) r).key()).toList();
        }
        List<String> expected = Stream.of("parent-", "child-")
                .flatMap(prefix -> IntStream.range(0, PER_PROCESS).mapToObj(i -> prefix + i)).toList();
        assertThat(keys).hasSize(2 * PER_PROCESS).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(HistoryFile.verify(file)).isEqualTo(new Verification.Intact(2L * PER_PROCESS));
        assertThat(other.exitValue()).isZero();
    }
}
