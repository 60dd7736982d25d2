package dev.chatactions.app.cli.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.app.cli.CliHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = "<action type=\"issue-create\">{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}</action>";

    private final CliHarness cli = new CliHarness().env("FORGE_OWNER", "factory").env("FORGE_REPO", "app");

    @TempDir
    Path dir;

    private static JsonNode json(CliHarness.Result result) throws IOException {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void aValidAllowedMarkerHasItsSpanPayloadAndAnEmptyDecision() throws IOException {
        String text = "Let me file it: " + VALID + " done.";

        JsonNode markers = json(cli.stdin(text).run("parse"));

        assertThat(markers).hasSize(1);
        JsonNode marker = markers.get(0);
        assertThat(marker.get("start").asInt()).isEqualTo(16);
        assertThat(marker.get("end").asInt()).isEqualTo(16 + VALID.length());
        assertThat(marker.get("type").asText()).isEqualTo("issue-create");
        assertThat(marker.get("valid").asBoolean()).isTrue();
        assertThat(marker.get("payload").toString()).isEqualTo("{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}");
        assertThat(marker.get("error").isNull()).isTrue();
        assertThat(marker.get("allowed").asBoolean()).isTrue();
        assertThat(marker.get("reasons")).isEmpty();
        assertThat(marker.fieldNames()).toIterable()
                .containsExactly("start", "end", "type", "valid", "payload", "error", "allowed", "reasons");
    }

    @Test
    void aDeniedMarkerIsValidButNotAllowedWithEveryReason() throws IOException {
        String text = "<action type=\"issue-create\">{\"title\":\"x\",\"state\":\"closed\"}</action>"
                + "<action type=\"repo-delete\">{\"repo\":\"factory/app\"}</action>";

        JsonNode markers = json(cli.stdin(text).run("parse"));

        assertThat(markers).hasSize(2);
        assertThat(markers.get(0).get("valid").asBoolean()).isTrue();
        assertThat(markers.get(0).get("allowed").asBoolean()).isFalse();
        assertThat(markers.get(0).get("reasons").toString()).contains("state");
        assertThat(markers.get(1).get("allowed").asBoolean()).isFalse();
        assertThat(markers.get(1).get("reasons").toString()).contains("not an additive action");
    }

    @Test
    void anInvalidMarkerHasNoPayloadAndItsErrorIsTheReason() throws IOException {
        JsonNode marker = json(cli.stdin("<action type=\"issue-create\">{\"title\":\"a\",\"title\":\"b\"}</action>")
                .run("parse", "-")).get(0);

        assertThat(marker.get("valid").asBoolean()).isFalse();
        assertThat(marker.get("payload").isNull()).isTrue();
        assertThat(marker.get("error").asText()).isNotBlank();
        assertThat(marker.get("allowed").asBoolean()).isFalse();
        assertThat(marker.get("reasons").get(0).asText()).isEqualTo(marker.get("error").asText());
    }

    @Test
    void theRepositoryInThePolicyComesFromTheEnvironment() throws IOException {
        String ciRun = "<action type=\"ci-run\">{\"repo\":\"factory/app\",\"branch\":\"main\"}</action>";

        assertThat(json(cli.stdin(ciRun).run("parse")).get(0).get("allowed").asBoolean()).isTrue();
        CliHarness otherRepo = new CliHarness().env("FORGE_OWNER", "other").env("FORGE_REPO", "repo");
        assertThat(json(otherRepo.stdin(ciRun).run("parse")).get(0).get("allowed").asBoolean()).isFalse();
    }

    @Test
    void onlyTheRepositorySettingsMatterSoAHalfConfiguredForgeDoesNotStopIt() throws IOException {
        CliHarness.Result result = cli.env("FORGE_URL", "https://forge.example").stdin(VALID).run("parse");

        assertThat(json(result).get(0).get("allowed").asBoolean()).isTrue();
        assertThat(new CliHarness().env("FORGE_OWNER", "factory").run("parse").err())
                .contains("FORGE_OWNER and FORGE_REPO must be set together");
    }

    @Test
    void aFileIsReadAsUtf8AndTextWithoutMarkersGivesAnEmptyArray() throws IOException {
        Path file = dir.resolve("reply.md");
        Files.writeString(file, "Grüße — " + VALID, StandardCharsets.UTF_8);
        Path prose = dir.resolve("prose.md");
        Files.writeString(prose, "No markers here, only `<action type=\"ci-run\">{}</action>` as an example.");

        assertThat(json(cli.run("parse", file.toString())).get(0).get("start").asInt()).isEqualTo(8);
        assertThat(json(cli.run("parse", prose.toString()))).isEmpty();
    }

    @Test
    void anUnreadableFileIsExitOneWithOneLine() {
        CliHarness.Result result = cli.run("parse", dir.resolve("missing.md").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("missing.md", "no such file").hasLineCount(1);
    }

    @Test
    void twoFilesAreAUsageError() {
        CliHarness.Result result = cli.run("parse", "a.md", "b.md");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1);
    }

    @Test
    void helpExplainsTheGrammar() {
        assertThat(cli.run("parse", "--help").out()).contains("<action type=\"NAME\">", "fenced", "64 KiB", "32 markers");
    }
}
