package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server writes one file per conversation: the appenders it keeps must not grow with them. */
class AppenderBoundTest {

    private static final int FILES = AppendLog.MAX_KNOWN + 300;

    @TempDir
    Path dir;

    private HistoryFile file(int n) {
        return HistoryFile.at(dir.resolve("alice/conversation-" + n + ".ndjson"), Durability.NONE);
    }

    @Test
    void appending_to_more_files_than_the_bound_keeps_the_appenders_bounded_and_every_file_chained() throws Exception {
        for (int n = 0; n < FILES; n++) {
            file(n).append(AppendingProcess.line(n + "-a"));
        }
        assertThat(AppendLog.known()).isLessThanOrEqualTo(AppendLog.MAX_KNOWN);

        // The first files' appenders were forgotten: a new one takes up each chain where the file ends.
        for (int n = 0; n < FILES; n++) {
            file(n).append(AppendingProcess.line(n + "-b"));
        }

        assertThat(AppendLog.known()).isLessThanOrEqualTo(AppendLog.MAX_KNOWN);
        for (int n = 0; n < FILES; n++) {
            assertThat(keys(file(n))).as("file %d", n).containsExactly(n + "-a", n + "-b");
            assertThat(HistoryFile.verify(file(n).path())).as("file %d", n).isEqualTo(new Verification.Intact(2));
        }
    }

    @Test
    void threads_appending_to_the_same_files_while_appenders_are_forgotten_write_every_line_once_and_chained()
            throws Exception {
        int threads = 6;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            List<Integer> order = new ArrayList<>(IntStream.range(0, FILES).boxed().toList());
            Collections.shuffle(order, new Random(thread));
            Thread worker = new Thread(() -> {
                try {
                    for (int n : order) {
                        file(n).append(AppendingProcess.line(n + "-" + thread));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(failure.get()).isNull();
        assertThat(AppendLog.known()).isLessThanOrEqualTo(AppendLog.MAX_KNOWN);
        for (int n = 0; n < FILES; n++) {
            int file = n;
            assertThat(keys(file(n))).as("file %d", n)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, threads).mapToObj(t -> file + "-" + t).toList());
            assertThat(HistoryFile.verify(file(n).path())).as("file %d", n).isEqualTo(new Verification.Intact(threads));
        }
    }

    private static List<String> keys(HistoryFile file) {
        try (Stream<HistoryRecord> records = file.records()) {
            return records.map(r -> ((ActionLine) r).key()).toList();
        }
    }
}
