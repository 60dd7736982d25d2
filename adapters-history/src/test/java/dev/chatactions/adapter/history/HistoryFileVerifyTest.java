package dev.chatactions.adapter.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.adapter.history.Verification.Broken;
import dev.chatactions.adapter.history.Verification.Defect;
import dev.chatactions.adapter.history.Verification.Intact;
import dev.chatactions.core.port.HistoryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileVerifyTest {

    @TempDir
    Path dir;

    private Path file;
    private List<String> lines;

    /** Six lines: chained ones and, on line 3, a chat line another program wrote. */
    @BeforeEach
    void writeChain() throws IOException {
        file = dir.resolve("alice/0123456789ab.ndjson");
        HistoryFile history = HistoryFile.at(file);
        history.append(HistoryFixture.proposal("p-1"));
        history.append(HistoryFixture.started("k-1"));
        history.append(HistoryFixture.chat("a chat line"));
        history.append(HistoryFixture.done("k-1"));
        history.append(HistoryFixture.started("k-2"));
        history.append(HistoryFixture.denied("k-3"));
        lines = new ArrayList<>(Files.readAllLines(file));
    }

    private Verification rewriteAndVerify(List<String> newLines) throws IOException {
        Files.writeString(file, String.join("\n", newLines) + "\n");
        return HistoryFile.verify(file);
    }

    @Test
    void an_untouched_file_is_intact() {
        assertThat(HistoryFile.verify(file)).isEqualTo(new Intact(6));
        assertThat(HistoryFile.verify(file).intact()).isTrue();
    }

    @Test
    void an_empty_file_nothing_was_appended_to_is_intact() throws IOException {
        Path fresh = Files.writeString(dir.resolve("alice/actions.ndjson"), "");
        assertThat(HistoryFile.verify(fresh)).isEqualTo(new Intact(0));
    }

    @Test
    void a_removed_last_line_is_seen_through_the_head_in_the_lock_file() throws IOException {
        lines.remove(lines.size() - 1);

        assertThat(rewriteAndVerify(lines)).isEqualTo(new Broken(6, Defect.REMOVED,
                "1 line(s) cut off the end: the head recorded in 0123456789ab.ndjson.lock says the file had 6"));
    }

    @Test
    void a_file_emptied_after_appends_is_a_cut() throws IOException {
        Files.writeString(file, "");

        assertThat(HistoryFile.verify(file).toString()).isEqualTo("line 1: removed: 6 line(s) cut off the end: "
                + "the head recorded in 0123456789ab.ndjson.lock says the file had 6");
    }

    @Test
    void an_edited_last_line_is_seen_through_the_head() throws IOException {
        lines.set(5, lines.get(5).replace("k-3", "k-9"));

        assertThat(rewriteAndVerify(lines)).isEqualTo(new Broken(6, Defect.EDITED,
                "it does not match the head recorded in 0123456789ab.ndjson.lock"));
    }

    @Test
    void a_chat_line_edited_after_the_last_chained_line_is_seen_through_the_head() throws IOException {
        HistoryFile.at(file).append(HistoryFixture.chat("the last word"));
        List<String> all = new ArrayList<>(Files.readAllLines(file));
        all.set(6, all.get(6).replace("the last word", "another word"));

        assertThat(rewriteAndVerify(all)).isEqualTo(new Broken(6, Defect.EDITED,
                "this line or one after it up to line 7 was changed: they do not match the head recorded in 0123456789ab.ndjson.lock"));
    }

    @Test
    void lines_after_a_head_that_lags_are_intact_and_said_to_be_unanchored() throws IOException {
        // As after a crash between a write and its head, or lines another program appended without the lock.
        Files.writeString(file, "{\"ts\":\"2026-11-23T20:00:09Z\",\"user\":\"alice\",\"role\":\"user\",\"content\":\"x\"}\n",
                StandardOpenOption.APPEND);

        Verification lagging = HistoryFile.verify(file);

        assertThat(lagging).isEqualTo(new Intact(7, 6));
        assertThat(lagging).hasToString("intact (7 lines; the head in its lock file covers 6, so a cut after line 6 could not be seen)");
    }

    @Test
    void without_its_lock_file_a_file_is_intact_but_said_to_be_unanchored() throws IOException {
        Files.delete(AppendLog.lockFileOf(file));

        assertThat(HistoryFile.verify(file))
                .hasToString("intact (6 lines; no head in its lock file, so lines cut off the end could not be seen)");
    }

    @Test
    void a_head_torn_by_a_crash_leaves_the_older_slot_which_reads_as_a_lag_not_a_cut() throws IOException {
        Path lock = AppendLog.lockFileOf(file);
        byte[] heads = Files.readAllBytes(lock);
        int newest = new String(heads, 0, 40, StandardCharsets.US_ASCII).contains("lines=6 ") ? 0 : 1;
        heads[newest * ChainHead.SLOT_SPACING + 30] ^= 1; // a torn write: the bytes no longer match their checksum
        Files.write(lock, heads);

        assertThat(HistoryFile.verify(file)).isEqualTo(new Intact(6, 5));
    }

    @Test
    void an_edited_line_followed_by_a_chained_line_is_named_exactly() throws IOException {
        lines.set(3, lines.get(3).replace("Flaky test", "Flaky tests"));

        assertThat(rewriteAndVerify(lines)).isEqualTo(new Broken(4, Defect.EDITED, "its hash does not match the prev of line 5"));
    }

    @Test
    void an_edited_chained_line_followed_by_a_chat_line_is_still_caught() throws IOException {
        lines.set(1, lines.get(1).replace("Flaky test", "Flaky tests"));

        assertThat(rewriteAndVerify(lines)).isEqualTo(new Broken(2, Defect.EDITED,
                "this line or one after it up to line 3 was changed: the prev of line 4 does not match"));
    }

    @Test
    void an_edited_chat_line_is_caught_by_the_next_chained_line() throws IOException {
        lines.set(2, lines.get(2).replace("a chat line", "another chat line"));

        assertThat(rewriteAndVerify(lines)).extracting(v -> ((Broken) v).line(), v -> ((Broken) v).defect())
                .containsExactly(2L, Defect.EDITED);
    }

    @Test
    void chat_lines_another_program_appended_between_our_appends_are_covered_by_the_chain() throws IOException {
        Files.writeString(file, "{\"ts\":\"2026-11-23T20:00:09Z\",\"user\":\"alice\",\"role\":\"user\",\"content\":\"x\"}\n",
                StandardOpenOption.APPEND);
        HistoryFile.at(file).append(HistoryFixture.started("k-4"));

        assertThat(HistoryFile.verify(file)).isEqualTo(new Intact(8));
        Files.writeString(file, Files.readString(file).replace("\"content\":\"x\"", "\"content\":\"y\""));
        assertThat(HistoryFile.verify(file)).extracting(v -> ((Broken) v).line()).isEqualTo(6L);
    }

    @Test
    void a_removed_line_is_named_where_the_gap_is() throws IOException {
        lines.remove(2);

        assertThat(rewriteAndVerify(lines))
                .isEqualTo(new Broken(3, Defect.REMOVED, "1 line(s) missing before this one (it has seq 4)"));
    }

    @Test
    void removing_the_first_lines_is_a_removal() throws IOException {
        assertThat(rewriteAndVerify(lines.subList(2, lines.size()))).extracting(v -> ((Broken) v).line(), v -> ((Broken) v).defect())
                .containsExactly(2L, Defect.REMOVED);
    }

    @Test
    void swapped_lines_are_a_reordering_not_a_removal() throws IOException {
        Collections.swap(lines, 3, 4);

        assertThat(rewriteAndVerify(lines))
                .isEqualTo(new Broken(4, Defect.REORDERED, "seq 5 where 4 was expected; seq 4 comes later"));
    }

    @Test
    void a_line_moved_back_is_a_reordering() throws IOException {
        lines.add(1, lines.remove(4));

        assertThat(rewriteAndVerify(lines)).extracting(v -> ((Broken) v).line(), v -> ((Broken) v).defect())
                .containsExactly(2L, Defect.REORDERED);
    }

    @Test
    void a_duplicated_line_is_an_edit() throws IOException {
        lines.add(4, lines.get(3));

        assertThat(rewriteAndVerify(lines))
                .isEqualTo(new Broken(5, Defect.EDITED, "seq 4 appears twice: a line was duplicated"));
    }

    @Test
    void an_inserted_line_is_an_edit() throws IOException {
        lines.add(1, lines.get(2));

        assertThat(rewriteAndVerify(lines))
                .isEqualTo(new Broken(3, Defect.EDITED, "it has seq 2: 1 line(s) were inserted before it"));
    }

    @Test
    void a_torn_last_line_is_named() throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n{\"ts\":\"2026-11-23T2");

        assertThat(HistoryFile.verify(file))
                .isEqualTo(new Broken(7, Defect.TORN_TAIL, "the last line has no newline (19 bytes): a write was cut short"));
    }

    @Test
    void a_line_that_is_not_json_is_named() throws IOException {
        lines.set(4, "garbage");

        assertThat(rewriteAndVerify(lines)).extracting(v -> ((Broken) v).line(), v -> ((Broken) v).defect())
                .containsExactly(5L, Defect.UNPARSEABLE);
    }

    @Test
    void a_broken_verdict_reads_as_one_line() {
        assertThat(new Broken(3, Defect.TORN_TAIL, "cut short")).hasToString("line 3: torn tail: cut short");
    }

    @Test
    void a_missing_file_cannot_be_verified() {
        assertThatThrownBy(() -> HistoryFile.verify(dir.resolve("nope.ndjson")))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("history not read from ")
                .hasMessageEndingWith("nope.ndjson: no such file or directory: " + dir.resolve("nope.ndjson"));
    }
}
