package dev.chatactions.app.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.app.cli.CliFixture;
import dev.chatactions.app.cli.CliHarness;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryShowCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");
    private static final String CONVERSATION = "0123456789ab";

    private final CliHarness cli = new CliHarness();

    @TempDir
    Path historyDir;

    private Path file;

    @BeforeEach
    void recordAConversation() {
        NdjsonHistory history = new NdjsonHistory(historyDir);
        history.append(new ChatLine(T0, CliFixture.USER, CONVERSATION, "user", "Please file the flaky test.\nThanks!"));
        for (ActionStatus status : List.of(ActionStatus.DONE, ActionStatus.DENIED, ActionStatus.FAILED)) {
            var line = CliFixture.attempt(T0.plusSeconds(status.ordinal()), "k-" + status, "Issue", status);
            history.append(new dev.chatactions.core.port.HistoryRecord.ActionLine(line.ts(), line.user(), CONVERSATION,
                    line.type(), line.key(), null, line.request(), status, line.reasons(), line.result(), line.failure(), null));
        }
        file = history.file(CliFixture.USER, CONVERSATION);
    }

    @Test
    void aTableShowsEveryRecordWithWhatHappened() {
        CliHarness.Result result = cli.run("history", "show", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> rows = result.out().lines().toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("TIME").contains("ROLE", "TYPE", "STATUS", "KEY", "WHAT");
        assertThat(rows.get(1)).contains("2026-11-23T20:00:00Z", "user", "Please file the flaky test. Thanks!");
        assertThat(rows.get(2)).contains("action", "issue-create", "done", "k-done", "#1 http://forge.test/factory/app/issues/1");
        assertThat(rows.get(3)).contains("denied", "title must not be empty");
        assertThat(rows.get(4)).contains("failed", "Forgejo answered 503");
    }

    @Test
    void aStoredLineHoldingALoneSurrogateIsShownReplacedAsTextAndJson() throws IOException {
        Files.writeString(file, "{\"ts\":\"2026-11-23T20:00:09Z\",\"user\":\"alice\",\"role\":\"assistant\","
                + "\"content\":\"broken \\ud800 text\"}\n", StandardOpenOption.APPEND);

        CliHarness.Result text = cli.run("history", "show", file.toString());
        CliHarness.Result json = cli.run("history", "show", file.toString(), "-o", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("broken \uFFFD text");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("broken \uFFFD text");
    }

    @Test
    void roleAndStatusSelectRows() {
        List<String> failed = cli.run("history", "show", file.toString(), "--role", "action", "--status", "failed")
                .out().lines().toList();

        assertThat(failed).hasSize(2);
        assertThat(failed.get(1)).contains("k-failed");
        assertThat(cli.run("history", "show", file.toString(), "--role", "user").out().lines()).hasSize(2);
    }

    @Test
    void jsonIsOneObjectPerLineAndKeepsUnreadableLines() throws IOException {
        Files.writeString(file, "not json\n", StandardOpenOption.APPEND);

        CliHarness.Result result = cli.run("history", "show", file.toString(), "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            records.add(new ObjectMapper().readTree(line));
        }
        assertThat(records).extracting(record -> record.get("role").asText())
                .containsExactly("user", "action", "action", "action", "unreadable");
        assertThat(records.get(1).get("url").asText()).isEqualTo("http://forge.test/factory/app/issues/1");
        assertThat(records.get(2).get("reasons").get(0).asText()).isEqualTo("title must not be empty");
    }

    @Test
    void aBadStatusIsAUsageErrorAndAMissingFileFails() {
        assertThat(cli.run("history", "show", file.toString(), "--status", "closed").exitCode()).isEqualTo(2);
        assertThat(cli.run("history", "show", historyDir.resolve("nope.ndjson").toString()).exitCode()).isEqualTo(1);
    }
}
