package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendFailureTest {

    @TempDir
    Path dir;

    @Test
    void a_history_directory_that_is_a_regular_file_fails_the_append_with_one_clear_line() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("history"), "I am a file");
        var history = new NdjsonHistory(notADirectory);

        assertThatThrownBy(() -> history.append(HistoryFixture.proposal("p-1")))
                .isInstanceOf(HistoryException.class)
                .hasMessage("history not written to " + notADirectory.resolve("alice/0123456789ab.ndjson")
                        + ": Not a directory");
        assertThat(Files.readString(notADirectory)).isEqualTo("I am a file");
    }

    @Test
    void a_write_cut_short_by_a_full_disk_leaves_no_partial_line_and_says_why() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path file = dir.resolve("alice/0123456789ab.ndjson");
        // The file size limit makes a write stop part-way (then fail with EFBIG), as a full disk does.
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 40 && exec \"$@\"", "sh"));
        command.addAll(AppendingProcess.command("until-failure", file.toString(), "k-"));
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output.strip()).isEqualTo("failed: history not written to " + file + ": File too large");
        assertThat(Files.readString(file)).endsWith("}\n");
        HistoryFile.at(file).append(HistoryFixture.done("k-last"));
        try (Stream<String> lines = Files.lines(file)) {
            assertThat(HistoryFile.verify(file)).isEqualTo(new Verification.Intact(lines.count()));
        }
    }

    @Test
    void a_device_or_other_file_that_is_not_a_regular_file_is_refused() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device), "needs /dev/null");

        assertThatThrownBy(() -> HistoryFile.at(device).append(HistoryFixture.proposal("p-1")))
                .isInstanceOf(HistoryException.class)
                .hasMessage("history not written to /dev/null: not a regular file");
    }

    @Test
    void a_directory_where_files_cannot_be_created_fails_the_append() {
        Path proc = Path.of("/proc/chat-actions-history-test/alice/actions.ndjson");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");

        assertThatThrownBy(() -> HistoryFile.at(proc).append(HistoryFixture.failed("k-1")))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("history not written to " + proc + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void the_appends_after_a_failure_succeed_once_the_cause_is_gone() throws IOException {
        Path history = Files.writeString(dir.resolve("history"), "in the way");
        var ndjson = new NdjsonHistory(history);
        assertThatThrownBy(() -> ndjson.append(HistoryFixture.proposal("p-1"))).isInstanceOf(HistoryException.class);

        Files.delete(history);
        ndjson.append(HistoryFixture.proposal("p-1"));

        assertThat(HistoryFile.verify(ndjson.file("alice", "0123456789ab"))).isEqualTo(new Verification.Intact(1));
    }

    @Test
    void an_append_after_the_files_directory_was_removed_creates_it_again() throws IOException {
        Path file = dir.resolve("alice/0123456789ab.ndjson");
        HistoryFile.at(file).append(HistoryFixture.proposal("p-1"));
        Files.delete(file);
        Files.delete(file.resolveSibling(file.getFileName() + ".lock"));
        Files.delete(file.getParent());

        HistoryFile.at(file).append(HistoryFixture.proposal("p-2"));

        assertThat(HistoryFile.verify(file)).isEqualTo(new Verification.Intact(1));
    }

    @Test
    void a_file_with_a_line_too_long_for_a_history_is_reported_not_loaded_and_not_appended_to() throws IOException {
        Path file = dir.resolve("alice/0123456789ab.ndjson");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"content\":\"" + "x".repeat(LineReader.MAX_LINE) + "\"}\n");

        try (Stream<HistoryRecord> records = HistoryFile.at(file).records()) {
            assertThat(records).containsExactly(new UnreadableLine(file + ":1", "line longer than 16 MiB"));
        }
        assertThat(HistoryFile.verify(file)).isEqualTo(
                new Verification.Broken(1, Verification.Defect.UNPARSEABLE, "line longer than 16 MiB"));
        long size = Files.size(file);
        assertThatThrownBy(() -> HistoryFile.at(file).append(HistoryFixture.proposal("p-1")))
                .isInstanceOf(HistoryException.class)
                .hasMessage("history not written to " + file + ": line 1 is longer than 16 MiB: not a history file?");
        assertThat(Files.size(file)).isEqualTo(size);
    }
}
