package dev.chatactions.app.cli.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.app.cli.CliFixture;
import dev.chatactions.app.cli.CliHarness;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @RegisterExtension
    static final WireMockExtension FORGE = LoopbackUpstream.wireMock();

    @RegisterExtension
    static final TokenLeakGuard LEAKS = CliFixture.leakGuard();

    @RegisterExtension
    static final WireMockExtension CI = LoopbackUpstream.wireMock();

    private static final String ISSUE = "{\"title\":\"Flaky test\"}";

    @TempDir
    Path historyDir;

    private CliHarness cli;

    @BeforeEach
    void configure() {
        cli = CliFixture.configured(FORGE, historyDir, LEAKS);
        FORGE.stubFor(post(urlPathEqualTo(CliFixture.ISSUES_PATH))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(CliFixture.issue(12, "Flaky test"))));
    }

    private List<String> actionsFile() throws IOException {
        Path file = historyDir.resolve(CliFixture.USER).resolve("actions.ndjson");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void anIssueIsCreatedOnceAndItsNumberAndLinkArePrinted() throws IOException {
        CliHarness.Result result = cli.run("run", "issue-create", "--payload", ISSUE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo("created issue #12 http://forge.test/factory/app/issues/12");
        FORGE.verify(1, postRequestedFor(urlPathEqualTo(CliFixture.ISSUES_PATH))
                .withHeader("Authorization", containing(CliFixture.TOKEN))
                .withRequestBody(matchingJsonPath("$.title", containing("Flaky test"))));
        assertThat(actionsFile()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"user\":\"alice\""));
        assertThat(actionsFile().get(1)).contains("\"status\":\"done\"");
    }

    @Test
    void theSameRunAgainSendsNothingAndSaysItRanBefore() {
        cli.run("run", "issue-create", "--payload", ISSUE, "--key", "flaky-1");

        CliHarness.Result again = cli.run("run", "issue-create", "--payload", ISSUE, "--key", "flaky-1");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already ran under key flaky-1", "#12");
        FORGE.verify(1, postRequestedFor(urlPathEqualTo(CliFixture.ISSUES_PATH)));
    }

    @Test
    void aDenialPrintsEveryReasonExitsOneAndIsRecordedButNothingIsSent() throws IOException {
        CliHarness.Result result = cli.run("run", "issue-create", "--payload", "{\"title\":\"\",\"state\":\"closed\"}");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("chat-actions: denied: ").contains("title", "state").hasLineCount(1);
        assertThat(FORGE.getAllServeEvents()).isEmpty();
        assertThat(actionsFile()).singleElement().asString().contains("\"status\":\"denied\"");
    }

    @Test
    void jsonOutputCarriesTheOutcomeForScripts() throws IOException {
        JsonNode json = new ObjectMapper().readTree(cli.run("run", "issue-create", "--payload", ISSUE, "-o", "json").out());

        assertThat(json.get("outcome").asText()).isEqualTo("done");
        assertThat(json.get("number").asLong()).isEqualTo(12);
        assertThat(json.get("url").asText()).isEqualTo("http://forge.test/factory/app/issues/12");
    }

    @Test
    void aDryRunSendsNothingRecordsNothingAndShowsTheRequest() throws IOException {
        CliHarness.Result result = cli.run("run", "issue-create", "--payload", ISSUE, "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("dry run, nothing sent: would POST " + FORGE.baseUrl() + CliFixture.ISSUES_PATH);
        assertThat(FORGE.getAllServeEvents()).isEmpty();
        assertThat(actionsFile()).isEmpty();
    }

    @Test
    void aDryRunNeedsNoSettings() {
        CliHarness.Result result = new CliHarness().env("CHAT_HISTORY_DIR", historyDir.toString())
                .run("run", "ci-run", "--payload", "{\"branch\":\"main\"}", "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("would POST https://ci.example/api/repos/");
    }

    @Test
    void withoutSettingsItNamesEveryMissingVariable() {
        CliHarness.Result result = new CliHarness().env("FORGE_OWNER", "factory")
                .run("run", "ci-run", "--payload", "{\"branch\":\"main\"}");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not set: FORGE_URL, FORGE_TOKEN, FORGE_REPO, WOODPECKER_SERVER, WOODPECKER_TOKEN")
                .hasLineCount(1);
    }

    @Test
    void aCiRunStartsAPipelineOnTheConfiguredServer() {
        CI.stubFor(post(urlPathEqualTo("/api/repos/7/pipelines")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":900,\"number\":42,\"status\":\"pending\",\"branch\":\"main\"}")));
        cli.env("WOODPECKER_TOKEN", CliFixture.CI_TOKEN).env("WOODPECKER_REPO_ID", "7");

        CliHarness.Result result = cli.run("run", "ci-run", "--payload", "{\"branch\":\"main\"}",
                "--woodpecker-server", CI.baseUrl());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("started pipeline #42 " + CI.baseUrl());
        CI.verify(1, postRequestedFor(urlPathEqualTo("/api/repos/7/pipelines")));
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void aCiRunWithoutACiServerNamesItsVariables() {
        CliHarness.Result result = cli.run("run", "ci-run", "--payload", "{\"branch\":\"main\"}");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("not set: WOODPECKER_SERVER, WOODPECKER_TOKEN");
    }

    @Test
    void aPayloadFromAFileWorksLikeInline() throws IOException {
        Path payload = historyDir.resolve("issue.json");
        Files.writeString(payload, ISSUE);

        CliHarness.Result result = cli.run("run", "issue-create", "--payload", "@" + payload);

        assertThat(result.out()).as(result.err()).contains("#12");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(cli.run("run", "issue-create", "--payload", "{\"title\":").exitCode()).isEqualTo(2);
        assertThat(cli.run("run", "issue-create", "--payload", ISSUE, "--conversation", "not-hex").exitCode()).isEqualTo(2);
        assertThat(cli.run("run", "issue-create", "--payload", ISSUE, "--user", "../root").exitCode()).isEqualTo(2);
        assertThat(cli.run("run", "issue-create").err()).contains("--payload").hasLineCount(1);
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }

    @Test
    void theTokenIsNeverPrintedEvenWhenTheForgeRefusesIt() {
        FORGE.stubFor(post(urlPathEqualTo(CliFixture.ISSUES_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"token is invalid\"}")));

        CliHarness.Result result = cli.run("--verbose", "run", "issue-create", "--payload", ISSUE, "-o", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out() + result.err()).contains("401").doesNotContain(CliFixture.TOKEN);
    }

    @Test
    void aTokenARedirectEchoesInItsLocationHeadersAndBodyIsNowhereInRunHistoryShowOrTheFile() throws IOException {
        cli.env("WOODPECKER_SERVER", CI.baseUrl()).env("WOODPECKER_TOKEN", CliFixture.CI_TOKEN);
        String echoes = String.join(" ", CliFixture.TOKEN, CliFixture.CI_TOKEN,
                URLEncoder.encode(CliFixture.TOKEN, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(("x:" + CliFixture.TOKEN).getBytes(StandardCharsets.UTF_8)));
        FORGE.stubFor(post(urlPathEqualTo(CliFixture.ISSUES_PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://evil.example/?t=" + URLEncoder.encode(echoes, StandardCharsets.UTF_8))
                .withHeader("X-Echo", echoes).withBody(echoes)));

        CliHarness.Result run = cli.run("run", "issue-create", "--payload", ISSUE, "-o", "json");
        Path file = historyDir.resolve(CliFixture.USER).resolve("actions.ndjson");
        CliHarness.Result showText = cli.run("history", "show", file.toString());
        CliHarness.Result showJson = cli.run("history", "show", file.toString(), "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("redirect (302 to https://evil.example/?t=[hidden]");
        String everything = run.out() + run.err() + showText.out() + showText.err() + showJson.out() + showJson.err()
                + String.join("\n", actionsFile());
        assertThat(showText.out() + showJson.out()).contains("[hidden]");
        for (String secret : List.of(CliFixture.TOKEN, CliFixture.CI_TOKEN)) {
            assertThat(everything).doesNotContain(secret).doesNotContain(secret.substring(4, 18));
        }
    }

    @Test
    void aPayloadWithALoneSurrogateOrAKeyTheForgeCannotCarryIsAUsageErrorAndNothingIsRecorded() throws IOException {
        CliHarness.Result surrogate = cli.run("run", "issue-create", "--payload", "{\"title\":\"a\\ud800b\"}");
        CliHarness.Result dashes = cli.run("run", "issue-create", "--payload", ISSUE, "--key", "retry--1");

        assertThat(surrogate.exitCode()).isEqualTo(2);
        assertThat(surrogate.err()).contains("not well-formed Unicode: a lone surrogate \\ud800").hasLineCount(1);
        assertThat(dashes.exitCode()).isEqualTo(2);
        assertThat(dashes.err()).contains("without \"--\"").hasLineCount(1);
        assertThat(actionsFile()).isEmpty();
        assertThat(FORGE.getAllServeEvents()).isEmpty();
    }
}
