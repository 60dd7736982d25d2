package dev.chatactions.app.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.app.cli.CliFixture;
import dev.chatactions.app.cli.CliHarness;
import dev.chatactions.core.port.ActionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryVerifyCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");

    private final CliHarness cli = new CliHarness();

    @TempDir
    Path historyDir;

    private Path file;

    @BeforeEach
    void recordFourLines() {
        NdjsonHistory history = new NdjsonHistory(historyDir);
        for (int i = 1; i <= 4; i++) {
            history.append(CliFixture.attempt(T0.plusSeconds(i), "k-" + i, "Issue " + i, ActionStatus.FAILED));
        }
        file = history.file(CliFixture.USER, null);
    }

    private void rewrite(java.util.function.UnaryOperator<List<String>> change) throws IOException {
        List<String> lines = change.apply(new ArrayList<>(Files.readAllLines(file)));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private CliHarness.Result verifyBroken() {
        CliHarness.Result result = cli.run("history", "verify", file.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).hasLineCount(1).startsWith("chat-actions: " + file + ": line ");
        return result;
    }

    @Test
    void anIntactFilePassesWithItsLineCount() {
        CliHarness.Result result = cli.run("history", "verify", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(file + ": intact (4 lines)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anEditedLineIsCaught() throws IOException {
        rewrite(lines -> {
            lines.set(1, lines.get(1).replace("Issue 2", "Issue 9"));
            return lines;
        });

        assertThat(verifyBroken().err()).contains(": line 2: edited");
    }

    @Test
    void aRemovedLineIsCaught() throws IOException {
        rewrite(lines -> {
            lines.remove(1);
            return lines;
        });

        assertThat(verifyBroken().err()).contains(": line 2: removed");
    }

    @Test
    void aRemovedLastLineIsCaughtThroughTheHeadInTheLockFile() throws IOException {
        rewrite(lines -> {
            lines.remove(3);
            return lines;
        });

        assertThat(verifyBroken().err()).contains(": line 4: removed: 1 line(s) cut off the end", "actions.ndjson.lock says the file had 4");
    }

    @Test
    void aCopyWithoutItsLockFileIsIntactButSaysTheEndIsNotCovered() throws IOException {
        Path copy = Files.copy(file, historyDir.resolve("copy.ndjson"));

        CliHarness.Result text = cli.run("history", "verify", copy.toString());
        CliHarness.Result json = cli.run("history", "verify", file.toString(), copy.toString(), "-o", "json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("intact (4 lines; no head in its lock file, so lines cut off the end could not be seen)");
        JsonNode results = new ObjectMapper().readTree(json.out());
        assertThat(results.get(0).get("anchored_lines").asLong()).isEqualTo(4);
        assertThat(results.get(1).get("anchored_lines").asLong()).isZero();
    }

    @Test
    void reorderedLinesAreCaught() throws IOException {
        rewrite(lines -> {
            Collections.swap(lines, 1, 2);
            return lines;
        });

        assertThat(verifyBroken().err()).contains(": line 2: reordered");
    }

    @Test
    void aTornTailIsCaught() throws IOException {
        Files.writeString(file, "{\"ts\":\"2026-11-23T20:00:09Z\",\"user\":\"al", StandardOpenOption.APPEND);

        assertThat(verifyBroken().err()).contains(": line 5: torn tail");
    }

    @Test
    void everyFileIsCheckedAndJsonNamesTheDefect() throws IOException {
        Path intact = Files.copy(file, historyDir.resolve("intact.ndjson"));
        Files.writeString(file, "{\"ts\":", StandardOpenOption.APPEND);

        CliHarness.Result result = cli.run("history", "verify", intact.toString(), file.toString(), "-o", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get(0).get("intact").asBoolean()).isTrue();
        assertThat(json.get(1).get("intact").asBoolean()).isFalse();
        assertThat(json.get(1).get("line").asLong()).isEqualTo(5);
        assertThat(json.get(1).get("defect").asText()).isEqualTo("torn_tail");
    }

    @Test
    void aMissingFileFailsAndNoFileIsAUsageError() {
        CliHarness.Result missing = cli.run("history", "verify", historyDir.resolve("nope.ndjson").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.ndjson: no such file");

        assertThat(cli.run("history", "verify").exitCode()).isEqualTo(2);
    }

    @Test
    void progressCountsFilesOnATerminalOnly() {
        assertThat(cli.run("history", "verify", file.toString()).err()).isEmpty();
        assertThat(cli.terminal(true).run("history", "verify", file.toString()).err()).contains("\rverify 1/1");
    }
}
