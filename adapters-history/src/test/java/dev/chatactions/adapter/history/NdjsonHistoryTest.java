package dev.chatactions.adapter.history;

import static dev.chatactions.adapter.history.HistoryFixture.CONVERSATION;
import static dev.chatactions.adapter.history.HistoryFixture.TS;
import static dev.chatactions.adapter.history.HistoryFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import dev.chatactions.core.port.UpstreamResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdjsonHistoryTest {

    @TempDir
    Path dir;

    private List<HistoryRecord> read(Stream<HistoryRecord> records) {
        try (records) {
            return records.toList();
        }
    }

    @Test
    void every_record_kind_reads_back_equal_to_what_was_appended() {
        var history = new NdjsonHistory(dir);
        ActionLine doneWithFailureNote = new ActionLine(TS, USER, CONVERSATION, "pr-create", "k-5", null, Payload.empty(),
                HistoryFixture.done("k-5").status(), List.of(), HistoryFixture.done("k-5").result(),
                new Failure(Failure.Kind.ALREADY_EXISTS, 409, false, "exists", List.of(), null,
                        new UpstreamResponse(409, Payload.of(Map.of("message", "exists")))),
                null);
        List<HistoryRecord> conversation = List.of(
                HistoryFixture.chat("please file \"it\"\nline two \u2028 and émoji 🎉"),
                HistoryFixture.proposal("p-1"),
                HistoryFixture.started("k-1"),
                HistoryFixture.done("k-1"),
                HistoryFixture.denied("k-2"),
                doneWithFailureNote);
        conversation.forEach(history::append);
        history.append(HistoryFixture.failed("k-3"));

        assertThat(read(history.conversation(USER, CONVERSATION))).containsExactlyElementsOf(conversation);
        assertThat(read(history.conversation(USER, null))).containsExactly(HistoryFixture.failed("k-3"));
        assertThat(read(history.all())).hasSize(conversation.size() + 1);
    }

    @Test
    void records_go_to_user_and_conversation_files_and_actions_without_conversation_to_actions_file() {
        var history = new NdjsonHistory(dir);
        history.append(HistoryFixture.proposal("p-1"));
        history.append(HistoryFixture.failed("k-3"));

        assertThat(dir.resolve("alice/0123456789ab.ndjson")).exists();
        assertThat(dir.resolve("alice/actions.ndjson")).exists();
        assertThat(history.file("bob", null)).isEqualTo(dir.resolve("bob/actions.ndjson"));
    }

    @Test
    void lines_have_the_documented_fields_in_order_and_chained_lines_carry_seq_and_prev() throws IOException {
        var history = new NdjsonHistory(dir);
        history.append(HistoryFixture.chat("hi"));
        history.append(HistoryFixture.done("k-1"));

        List<String> lines = Files.readAllLines(history.file(USER, CONVERSATION));
        assertThat(lines.get(0)).isEqualTo(
                "{\"ts\":\"2026-11-23T20:00:00.123456Z\",\"user\":\"alice\",\"role\":\"assistant\",\"content\":\"hi\"}");
        assertThat(lines.get(1)).startsWith(
                "{\"ts\":\"2026-11-23T20:00:00.123456Z\",\"user\":\"alice\",\"role\":\"action\",\"conversation\":\"0123456789ab\","
                        + "\"type\":\"issue-create\",\"key\":\"k-1\",\"proposal\":null,\"request\":{\"title\":\"Flaky test\"},"
                        + "\"status\":\"done\",\"response\":{\"status\":201,\"body\":{\"html_url\":\"https://forge/x/7\",\"number\":7}},"
                        + "\"result\":{\"kind\":\"issue\",\"id\":1234,\"number\":7,\"url\":\"https://forge/x/7\",\"state\":\"open\"},"
                        + "\"replay_of\":\"earlier-key\",\"seq\":2,\"prev\":\"")
                .endsWith("\"prev\":\"" + PayloadJson.sha256Hex(lines.get(0)) + "\"}");
    }

    @Test
    void failure_kind_is_written_in_lower_case_with_dashes() throws IOException {
        var history = new NdjsonHistory(dir);
        history.append(HistoryFixture.failed("k-3"));

        assertThat(Files.readString(history.file(USER, null))).contains("\"failure\":{\"kind\":\"unknown-labels\",\"status\":422,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/b", "../etc", "a\\b", "é", "x y",
            "a2345678901234567890123456789012345678901234567890123456789012345"})
    void user_names_that_could_leave_the_directory_are_refused(String user) {
        var history = new NdjsonHistory(dir);
        assertThatThrownBy(() -> history.append(new ChatLine(TS, user, CONVERSATION, "user", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user must be 1-64 of [A-Za-z0-9._-] (and not . or ..)");
        assertThatThrownBy(() -> history.conversation(user, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789AB", "0123456789a", "0123456789abc", "../../etc/pw", "actions", "0123456789a/"})
    void conversation_ids_other_than_twelve_lower_case_hex_characters_are_refused(String conversation) {
        var history = new NdjsonHistory(dir);
        assertThatThrownBy(() -> history.append(new ChatLine(TS, USER, conversation, "user", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conversation must be 12 lower-case hex characters");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void an_unreadable_line_cannot_be_appended() {
        var history = new NdjsonHistory(dir);
        assertThatThrownBy(() -> history.append(new UnreadableLine("f:1", "bad")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void files_are_private_to_their_owner() throws IOException {
        Path base = dir.resolve("history");
        new NdjsonHistory(base).append(HistoryFixture.proposal("p-1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve(USER)))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve(USER).resolve(CONVERSATION + ".ndjson"))))
                .isEqualTo("rw-------");
    }

    @Test
    void lines_of_other_programs_are_read_as_chat_or_skipped_and_bad_lines_are_reported_with_file_and_line()
            throws IOException {
        Path file = dir.resolve("bob/00000000000f.ndjson");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "{\"ts\":\"2026-11-23T20:00:00+01:00\",\"role\":\"tool\",\"content\":\"ran\",\"extra\":[1,2]}",
                "{\"kind\":\"heartbeat\"}",
                "not json at all",
                "{\"ts\":\"2026-11-23T20:00:01Z\",\"user\":\"bob\",\"role\":\"action\",\"type\":\"ci-run\"}",
                "{\"ts\":\"2026-11-23T20:00:02Z\",\"user\":\"bob\",\"role\":\"user\",\"content\":\"thanks\"}",
                "{\"ts\":\"2026-11-23T20:00:03Z\",\"user\":\"bob\",\"role\":\"user\",\"content\":\"half a li"));

        List<HistoryRecord> records = read(new NdjsonHistory(dir).conversation("bob", "00000000000f"));

        assertThat(records).containsExactly(
                new ChatLine(TS.minusMillis(123).minusNanos(456_000).minusSeconds(3600), "bob", "00000000000f", "tool", "ran"),
                new UnreadableLine(file + ":3", ((UnreadableLine) records.get(1)).problem()),
                new UnreadableLine(file + ":4", "missing \"status\""),
                new ChatLine(TS.minusMillis(123).minusNanos(456_000).plusSeconds(2), "bob", "00000000000f", "user", "thanks"));
        assertThat(((UnreadableLine) records.get(1)).problem()).startsWith("invalid JSON");
    }

    @Test
    void a_problem_that_quotes_line_breaks_from_the_line_stays_on_one_line() {
        String line = "{\"ts\":\"\\n2026\\r\",\"role\":\"user\",\"content\":\"x\"}";

        assertThat(HistoryLineCodec.decode(line, 7, new HistoryLineCodec.Origin("f", USER, "00000000000f")))
                .contains(new UnreadableLine("f:7", "\"ts\" is not a timestamp: \\n2026\\r"));
    }

    @Test
    void conversations_are_listed_newest_file_first_and_other_files_are_ignored() throws IOException {
        var history = new NdjsonHistory(dir);
        for (String conversation : List.of("00000000000a", "00000000000b", "00000000000c")) {
            history.append(new ChatLine(TS, USER, conversation, "user", "hi"));
        }
        history.append(HistoryFixture.failed("k"));
        Files.setLastModifiedTime(history.file(USER, "00000000000a"), FileTime.fromMillis(3_000_000));
        Files.setLastModifiedTime(history.file(USER, "00000000000b"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(history.file(USER, "00000000000c"), FileTime.fromMillis(2_000_000));
        Files.writeString(dir.resolve(USER).resolve("00000000000d.ndjson.torn-x"), "x");

        try (Stream<String> conversations = history.conversations(USER)) {
            assertThat(conversations).containsExactly("00000000000a", "00000000000c", "00000000000b");
        }
        try (Stream<String> conversations = history.conversations("nobody")) {
            assertThat(conversations).isEmpty();
        }
    }

    @Test
    void all_reads_every_user_and_user_reads_the_actions_file_first() {
        var history = new NdjsonHistory(dir);
        history.append(new ChatLine(TS, "bob", CONVERSATION, "user", "from bob"));
        history.append(HistoryFixture.chat("from alice"));
        history.append(HistoryFixture.failed("k-3"));

        assertThat(read(history.user(USER))).containsExactly(HistoryFixture.failed("k-3"), HistoryFixture.chat("from alice"));
        assertThat(read(history.all())).extracting(r -> r instanceof ChatLine c ? c.content() : "action")
                .containsExactly("action", "from alice", "from bob");
        assertThat(read(new NdjsonHistory(dir.resolve("missing")).all())).isEmpty();
    }

    @Test
    void two_instances_over_one_directory_keep_one_chain() {
        new NdjsonHistory(dir).append(HistoryFixture.proposal("p-1"));
        new NdjsonHistory(dir, Durability.NONE).append(HistoryFixture.started("k-1"));
        new NdjsonHistory(dir, Durability.PER_APPEND).append(HistoryFixture.done("k-1"));

        assertThat(HistoryFile.verify(dir.resolve(USER).resolve(CONVERSATION + ".ndjson")))
                .isEqualTo(new Verification.Intact(3));
    }

    @Test
    void an_unknown_action_status_or_failure_kind_is_reported_not_guessed() throws IOException {
        var history = new NdjsonHistory(dir);
        history.append(HistoryFixture.failed("k-3"));
        Path file = history.file(USER, null);
        String line = Files.readString(file);
        Files.writeString(file, line + line.replace("\"failed\"", "\"exploded\"") + line.replace("unknown-labels", "gremlins"));

        assertThat(read(history.conversation(USER, null))).containsExactly(
                HistoryFixture.failed("k-3"),
                new UnreadableLine(file + ":2", "unknown action status \"exploded\""),
                new UnreadableLine(file + ":3", "unknown failure kind \"gremlins\""));
    }

    @Test
    void a_dry_run_result_reads_back_as_a_dry_run_and_a_sent_one_as_sent() {
        var history = new NdjsonHistory(dir);
        ActionResult shown = new ActionResult("issue", 0, 0, "", "dry-run",
                new UpstreamResponse(0, Payload.of(Map.of("dry_run", true, "method", "POST"))), true);
        ActionLine dryRun = new ActionLine(TS, USER, CONVERSATION, "issue-create", "k-dry", null,
                Payload.of(Map.of("title", "Flaky test")), ActionStatus.DONE, List.of(), shown, null, null);
        history.append(dryRun);
        history.append(HistoryFixture.done("k-sent"));

        assertThat(read(history.conversation(USER, CONVERSATION)))
                .extracting(r -> ((ActionLine) r).result().dryRun())
                .containsExactly(true, false);
    }

    @Test
    void a_done_result_without_response_reads_back_with_an_empty_response() throws IOException {
        Path file = dir.resolve(USER).resolve("actions.ndjson");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"ts\":\"2026-11-23T20:00:00Z\",\"user\":\"alice\",\"role\":\"action\",\"type\":\"ci-run\","
                + "\"key\":\"k\",\"proposal\":null,\"request\":{},\"status\":\"done\","
                + "\"result\":{\"kind\":\"pipeline\",\"id\":0,\"number\":4,\"url\":\"u\"}}\n");

        assertThat(read(new NdjsonHistory(dir).conversation(USER, null)))
                .singleElement()
                .extracting(r -> ((ActionLine) r).result())
                .isEqualTo(new ActionResult("pipeline", 0, 4, "u", "", new UpstreamResponse(0, Payload.empty())));
    }

    @Test
    void a_turn_of_our_own_keeps_the_chat_line_format_adds_its_fields_and_is_chained() throws IOException {
        var history = new NdjsonHistory(dir);
        ChatLine user = new ChatLine(TS, USER, CONVERSATION, "user", "file it", new ChatLine.Turn("t-1", null, null));
        ChatLine assistant = new ChatLine(TS, USER, CONVERSATION, "assistant", "Here is a par",
                new ChatLine.Turn("t-1", "6f1b6d3c-0000-3000-8000-000000000000", "the model stopped: rate limited"));
        history.append(user);
        history.append(assistant);

        assertThat(read(history.conversation(USER, CONVERSATION))).containsExactly(user, assistant);
        Path file = history.file(USER, CONVERSATION);
        List<String> lines = Files.readAllLines(file);
        assertThat(PayloadJson.read(lines.get(1)).fields()).containsEntry("role", "assistant")
                .containsEntry("content", "Here is a par").containsEntry("turn", "t-1")
                .containsEntry("cut_short", "the model stopped: rate limited").containsKey("prev").containsKey("seq");
        assertThat(HistoryFile.verify(file).intact()).isTrue();

        Files.writeString(file, lines.get(0).replace("file it", "delete it") + "\n" + lines.get(1) + "\n");
        assertThat(HistoryFile.verify(file).intact()).isFalse();
    }
}
