package dev.chatactions.app.cli.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.adapter.history.HistoryFile;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.app.cli.CliFixture;
import dev.chatactions.app.cli.CliHarness;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @RegisterExtension
    static final WireMockExtension FORGE = LoopbackUpstream.wireMock();

    @RegisterExtension
    static final TokenLeakGuard LEAKS = CliFixture.leakGuard();

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");

    @TempDir
    Path historyDir;

    private CliHarness cli;
    private Path file;

    /** One attempt of every kind: done, denied, failed, unknown, and started with no outcome (a crash). */
    @BeforeEach
    void recordAttempts() {
        NdjsonHistory history = new NdjsonHistory(historyDir);
        history.append(CliFixture.attempt(T0, "k-done", "Done one", ActionStatus.STARTED));
        history.append(CliFixture.attempt(T0.plusSeconds(1), "k-done", "Done one", ActionStatus.DONE));
        history.append(CliFixture.attempt(T0.plusSeconds(2), "k-denied", "Denied one", ActionStatus.DENIED));
        history.append(CliFixture.attempt(T0.plusSeconds(3), "k-failed", "Failed one", ActionStatus.STARTED));
        history.append(CliFixture.attempt(T0.plusSeconds(4), "k-failed", "Failed one", ActionStatus.FAILED));
        history.append(CliFixture.attempt(T0.plusSeconds(5), "k-unknown", "Unknown one", ActionStatus.STARTED));
        history.append(CliFixture.attempt(T0.plusSeconds(6), "k-unknown", "Unknown one", ActionStatus.UNKNOWN));
        history.append(CliFixture.attempt(T0.plusSeconds(7), "k-lost", "Lost one", ActionStatus.STARTED));
        file = history.file(CliFixture.USER, null);
        cli = CliFixture.configured(FORGE, historyDir, LEAKS);
        // The forge already holds what the unknown attempt created: its body ends with the key.
        FORGE.stubFor(get(urlPathEqualTo(CliFixture.ISSUES_PATH))
                .willReturn(okJson("[" + CliFixture.issue(7, "Unknown one\n\n<!-- chat-action:k-unknown -->") + "]")));
        FORGE.stubFor(post(urlPathEqualTo(CliFixture.ISSUES_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CliFixture.issue(12, "created"))));
    }

    private int posts(String key) {
        return FORGE.findAll(postRequestedFor(urlPathEqualTo(CliFixture.ISSUES_PATH))
                .withRequestBody(containing("chat-action:" + key + " "))).size();
    }

    @Test
    void aDryRunShowsWhatEachAttemptWouldDoAndSendsNothing() {
        CliHarness.Result result = cli.run("replay", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).containsSubsequence(
                "k-done", "skip (already done)",
                "k-denied", "skip (denied: denials are never replayed)",
                "k-failed", "run again (failed)",
                "k-unknown", "run again (unknown",
                "k-lost", "run again (unknown",
                "3 to run again, 2 to skip; nothing was sent");
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnreadableLineIsReportedOnStderrAndTheRestIsPlanned() throws IOException {
        Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);

        CliHarness.Result result = cli.run("replay", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("warning: 1 unreadable line(s) left out, first at ", ":9").hasLineCount(1);
        assertThat(result.out()).contains("3 to run again, 2 to skip");
    }

    @Test
    void aDryRunNeedsNoSettings() {
        CliHarness.Result result = new CliHarness().run("replay", file.toString(), "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"step\" : \"run_failed\"");
    }

    @Test
    void executeRunsOnlyTheFailedAndUnknownAttemptsAndReconcilesTheUnknownFirst() throws IOException {
        CliHarness.Result result = cli.run("replay", file.toString(), "--execute");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(posts("k-failed")).isEqualTo(1);
        assertThat(posts("k-lost")).isEqualTo(1);
        assertThat(posts("k-unknown")).as("found upstream, not created again").isZero();
        assertThat(posts("k-done")).isZero();
        assertThat(posts("k-denied")).isZero();
        assertThat(result.out()).containsSubsequence(
                "k-failed", "created issue #12", "k-unknown", "created issue #7", "k-lost", "created issue #12",
                "3 replayed, 2 skipped");
        List<String> appended = Files.readAllLines(file).subList(8, Files.readAllLines(file).size());
        assertThat(appended).filteredOn(line -> line.contains("\"status\":\"done\""))
                .hasSize(3).allSatisfy(line -> assertThat(line).contains("\"replay_of\""));
    }

    @Test
    void aSecondExecuteIsANoOp() {
        cli.run("replay", file.toString(), "--execute");
        FORGE.resetRequests();

        CliHarness.Result again = cli.run("replay", file.toString(), "--execute");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 replayed, 5 skipped");
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void filtersKeepOnlyTheAttemptsAsked() throws IOException {
        JsonNode unknownOnly = new ObjectMapper().readTree(
                cli.run("replay", file.toString(), "--only", "unknown", "-o", "json").out());
        assertThat(unknownOnly.get("items")).extracting(item -> item.get("key").asText()).containsExactly("k-unknown", "k-lost");

        String since = cli.run("replay", file.toString(), "--since", T0.plusSeconds(5).toString()).out();
        assertThat(since).contains("k-unknown", "k-lost").doesNotContain("k-failed", "k-done");

        assertThat(cli.run("replay", file.toString(), "--type", "ci-run").out()).startsWith("0 to run again, 0 to skip");
    }

    @Test
    void executeWithoutSettingsNamesTheMissingVariablesAndSendsNothing() {
        CliHarness.Result result = new CliHarness().env("FORGE_URL", FORGE.baseUrl())
                .run("replay", file.toString(), "--execute");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("replay --execute needs", "not set: FORGE_TOKEN, FORGE_OWNER, FORGE_REPO");
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void aFileOutsideAHistoryLayoutIsRefusedBeforeAnythingIsSent() throws IOException {
        Path loose = Files.copy(file, historyDir.resolve("copy.ndjson"));

        CliHarness.Result result = cli.run("replay", loose.toString(), "--execute");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("is not in a history directory", "DIR/USER/actions.ndjson").hasLineCount(1);
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void anAttemptOfAnotherUserInTheFileStopsExecuteBeforeAnythingIsSent() {
        var template = CliFixture.attempt(T0.plusSeconds(8), "k-bob", "Bob's", ActionStatus.FAILED);
        HistoryFile.at(file).append(new ActionLine(template.ts(), "bob", null, template.type(), template.key(), null,
                template.request(), template.status(), List.of(), null, template.failure(), null));

        CliHarness.Result result = cli.run("replay", file.toString(), "--execute");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("key k-bob is recorded for user bob", "nothing was run").hasLineCount(1);
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRecordWhoseKeyCannotBeCarriedIsReportedAndTheReplayGoesOnAndExitsOne() {
        // Recorded before keys with "--" were refused: the forge's <!-- chat-action:KEY --> cannot carry it.
        new NdjsonHistory(historyDir).append(CliFixture.attempt(T0.plusSeconds(8), "k--bad", "Bad key", ActionStatus.UNKNOWN));
        new NdjsonHistory(historyDir).append(CliFixture.attempt(T0.plusSeconds(9), "k-after", "After it", ActionStatus.FAILED));

        CliHarness.Result result = cli.run("replay", file.toString(), "--execute");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("k--bad", "cannot be carried upstream", "5 replayed, 2 skipped");
        assertThat(result.err()).contains("did not complete").hasLineCount(1);
        assertThat(posts("k-after")).isEqualTo(1);
        assertThat(posts("k--bad")).isZero();
    }

    @Test
    void progressGoesToStderrOnATerminalOnly() {
        CliHarness.Result script = cli.run("replay", file.toString(), "--execute");
        assertThat(script.err()).isEmpty();

        new NdjsonHistory(historyDir).append(CliFixture.attempt(T0.plusSeconds(9), "k-late", "Late one", ActionStatus.FAILED));
        CliHarness.Result terminal = cli.terminal(true).run("replay", file.toString(), "--execute");
        assertThat(terminal.err()).contains("\rreplay 1/1");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(cli.run("replay", file.toString(), "--only", "done").exitCode()).isEqualTo(2);
        assertThat(cli.run("replay", file.toString(), "--since", "yesterday").err())
                .contains("expected a time like 2026-11-23T20:00:00Z").hasLineCount(1);
        assertThat(cli.run("replay").exitCode()).isEqualTo(2);
    }
}
