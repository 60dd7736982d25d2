package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.config.ConfigurationException;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: nothing configured but a port and a history directory. */
class DryRunTest {

    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/chat/login\\?token=(\\S+)");
    private static final Pattern ISSUE_BUTTON = Pattern.compile(
            "hx-post=\"(/chat/action/issue-create\\?[^\"]+)\" hx-ext=\"payload-json\" data-payload=\"([^\"]+)\"");

    @TempDir
    Path historyDir;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private record Started(WebServer server, String output) {}

    private Started start() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            WebServer server = Main.run(Map.of("CHAT_PORT", Integer.toString(TestServer.freePort()),
                    "CHAT_HISTORY_DIR", historyDir.toString()));
            return new Started(server, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void it_prints_a_one_time_link_seeds_a_demo_and_answers_clicks_with_the_request_it_would_send() throws Exception {
        Started started = start();
        try {
            Matcher link = LINK.matcher(started.output());
            assertThat(link.find()).as(started.output()).isTrue();
            URI base = URI.create(link.group(1));
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(link.group(0))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String list = client.send(HttpRequest.newBuilder(base.resolve("/chat/")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher conversation = Pattern.compile("/chat/c/([0-9a-f]{12})").matcher(list);
            assertThat(conversation.find()).isTrue();
            String page = client.send(HttpRequest.newBuilder(base.resolve(conversation.group(0))).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String csrf = page.replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\">.*", "$1");
            Matcher button = ISSUE_BUTTON.matcher(page);
            assertThat(button.find()).isTrue();

            HttpResponse<String> click = client.send(HttpRequest.newBuilder(base.resolve(button.group(1).replace("&amp;", "&")))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Origin", base.toString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(button.group(2).replace("&quot;", "\"")))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page).contains("Dry run").contains("class=\"action denied\"").contains("class=\"action invalid\"");
            assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
            JsonNode answer = new ObjectMapper().readTree(click.body());
            assertThat(answer.path("dry_run").asBoolean()).isTrue();
            assertThat(answer.path("note").asText()).isEqualTo("dry run — nothing was sent");
            assertThat(answer.path("would_send").path("method").asText()).isEqualTo("POST");
            assertThat(answer.path("would_send").path("url").asText()).endsWith("/api/v1/repos/demo/playground/issues");
            assertThat(client.send(HttpRequest.newBuilder(URI.create(link.group(0))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("the link works once").isEqualTo(403);
        } finally {
            started.server().stop();
        }
        Started again = start();
        again.server().stop();
        try (Stream<Path> files = Files.walk(historyDir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".ndjson"))).as("one demo conversation after two starts").hasSize(1);
        }
    }

    @Test
    void dry_run_mode_refuses_a_non_loopback_address_in_one_line() {
        assertThatThrownBy(() -> Main.run(Map.of("CHAT_HOST", "0.0.0.0", "CHAT_HISTORY_DIR", historyDir.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("CHAT_HOST=0.0.0.0 is not a loopback address");
    }
}
