package dev.chatactions.example.embedding;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {

    static final String FORGE_TOKEN = "forge-pat-embed-5d1c";
    static final String CI_TOKEN = "woodpecker-pat-embed-9e2a";
    static final Path EXAMPLE = Path.of("src/main/java/dev/chatactions/example/embedding/EmbeddingExample.java");
    static final String README_MARKER = "<!-- quoted from examples/embedding/" + EXAMPLE + ", tag embedding -->";

    static final Pattern STAND_IN_THREADS = Pattern.compile("qtp|Connector-Scheduler");

    @RegisterExtension
    static WireMockExtension forge = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(FORGE_TOKEN, CI_TOKEN);

    @TempDir
    Path historyDir;

    @Test
    void the_readme_quotes_the_example_unchanged() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("chatactions.root"), "README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf(README_MARKER);
        assertThat(marker).as("README.md has the marker line " + README_MARKER).isNotNegative();
        String fence = "```java\n";
        int start = readme.indexOf(fence, marker) + fence.length();
        int end = readme.indexOf("```\n", start);
        assertThat(readme.substring(marker + README_MARKER.length(), start)).isEqualTo("\n\n" + fence);

        assertThat(readme.substring(start, end)).isEqualTo(taggedRegion(Files.readAllLines(EXAMPLE), "embedding"));
    }

    @Test
    void the_example_parses_proposes_executes_and_reads_back_the_history() throws IOException {
        forge.stubFor(post(urlPathEqualTo("/api/v1/repos/factory/app/issues")).willReturn(okJson("""
                {"id":9001,"number":42,"title":"Flaky test in ci.yml","body":"","state":"open",\
                "html_url":"http://forge.test/factory/app/issues/42","url":"http://forge.test/api/v1/repos/factory/app/issues/42",\
                "labels":[],"pull_request":null,"created_at":"2026-12-01T23:00:01Z","comments":0,"is_locked":false}""")
                .withStatus(201)));
        Map<String, String> env = Map.of(
                "FORGE_URL", forge.baseUrl(), "FORGE_TOKEN", FORGE_TOKEN,
                "WOODPECKER_SERVER", forge.baseUrl(), "WOODPECKER_TOKEN", CI_TOKEN,
                "CHAT_HISTORY_DIR", historyDir.toString());
        String assistantText = "Filing it: <action type=\"issue-create\">{\"title\":\"Flaky test in ci.yml\"}</action>"
                + " and not this: <action type=\"issue-close\">{\"number\":3}</action>";

        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<HistoryRecord> history = leaks.record(EmbeddingExample.proposeAndClick(env, assistantText));
        // The library starts no thread; the JDK HttpClient's are named and daemon. Jetty's belong to WireMock.
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> !before.contains(thread) && !STAND_IN_THREADS.matcher(thread.getName()).lookingAt())
                .isNotEmpty()
                .allSatisfy(thread -> {
                    assertThat(thread.getName()).startsWith("HttpClient-");
                    assertThat(thread.isDaemon()).as(thread.getName()).isTrue();
                });
        // The same click again (a reload, a second service instance) is answered from the history.
        List<HistoryRecord> again = leaks.record(EmbeddingExample.proposeAndClick(env, assistantText));

        forge.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/repos/factory/app/issues"))
                .withHeader("Authorization", equalTo("token " + FORGE_TOKEN))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Flaky test in ci.yml"))));
        forge.verify(1, anyRequestedFor(anyUrl()));
        assertThat(history).hasSize(3);
        assertThat(history.get(0)).isInstanceOfSatisfying(ProposalLine.class,
                proposal -> assertThat(proposal.type()).isEqualTo("issue-create"));
        assertThat(history.get(1)).isInstanceOfSatisfying(ActionLine.class,
                started -> assertThat(started.status()).isEqualTo(ActionStatus.STARTED));
        assertThat(history.get(2)).isInstanceOfSatisfying(ActionLine.class, done -> {
            assertThat(done.status()).isEqualTo(ActionStatus.DONE);
            assertThat(done.result().number()).isEqualTo(42);
        });
        assertThat(again).isEqualTo(history);
        try (Stream<Path> files = Files.walk(historyDir)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                leaks.record(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    /** bin/test asks for the Java 17 run (CHAT_ACTIONS_JDK17): then these tests must really be on 17. */
    @Test
    @EnabledIfSystemProperty(named = "chatactions.test.java.feature", matches = "[0-9]+")
    void runs_on_the_java_version_the_build_asked_for() {
        assertThat(Runtime.version().feature())
                .isEqualTo(Integer.parseInt(System.getProperty("chatactions.test.java.feature")));
    }

    private static String taggedRegion(List<String> lines, String tag) {
        int start = lines.indexOf("// tag::" + tag + "[]");
        int end = lines.indexOf("// end::" + tag + "[]");
        assertThat(start).as("tag " + tag).isNotNegative().isLessThan(end);
        return lines.subList(start + 1, end).stream().map(line -> line + "\n").collect(Collectors.joining());
    }
}
