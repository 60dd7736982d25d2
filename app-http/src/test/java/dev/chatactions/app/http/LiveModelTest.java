package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.adapter.claude.testing.FakeClaude;
import dev.chatactions.app.http.SignInByHand.SignedIn;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring ({@link Main#run}) in live mode with a fake {@code claude} (a script that
 * writes down its environment and arguments, then replies with a marker): the server's own secrets
 * never reach the model's process, and the reply comes back as a button.
 */
class LiveModelTest {

    private static final String FORGE_TOKEN = "forge-token-live-model-1a2b";
    private static final String CI_TOKEN = "woodpecker-token-live-model-3c4d";
    private static final String CLIENT_SECRET = "oauth-client-secret-live-model-5e6f";
    private static final String FORWARD_SECRET = "forward-auth-secret-live-model-7a8b";
    private static final String ACCESS_TOKEN = "oauth-access-token-live-model-9c0d";
    private static final String CHAT_KEY = "sk-ant-chat-key-live-model-e1f2";
    private static final List<String> OURS = List.of(FORGE_TOKEN, CI_TOKEN, CLIENT_SECRET, FORWARD_SECRET, ACCESS_TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension forge = LiveStandIns.forge();

    @RegisterExtension
    static WireMockExtension woodpecker = LiveStandIns.woodpecker();

    @TempDir
    Path historyDir;

    @TempDir
    Path fakeDir;

    private final LiveStandIns.RecordingClient client = new LiveStandIns.RecordingClient();
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void no_secret_of_the_server_reaches_the_models_process_and_its_reply_becomes_a_button() throws Exception {
        Path claude = FakeClaude.in(fakeDir)
                .shell("env > \"$FAKE_DIR/env\"")
                .shell("printf '%s\\n' \"$@\" > \"$FAKE_DIR/args\"")
                .init().delta("Filing it: ").delta("<action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>").result()
                .write();
        LiveStandIns.stubSignIn(forge, ACCESS_TOKEN);
        URI base = URI.create("http://127.0.0.1:" + TestServer.freePort());
        Map<String, String> env = LiveStandIns.environment(forge, FORGE_TOKEN, woodpecker, CI_TOKEN, CLIENT_SECRET, base, historyDir);
        env.remove("CHAT_MODEL"); // unset: the CLI that CHAT_CLAUDE_BIN names
        env.put("FORWARD_AUTH_SECRET", FORWARD_SECRET);
        env.put("CHAT_CLAUDE_BIN", claude.toString());
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("HOME", fakeDir.toString());
        server = Main.run(env);

        SignedIn alice = SignInByHand.viaForge(client.client, base);
        HttpResponse<String> created = client.send(signed(alice, base, "/chat/new", "").header("Accept", "application/json").build());
        String conversation = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> accepted = client.send(signed(alice, base, "/chat/c/" + conversation + "/messages",
                "{\"message\":\"please file the flaky test\"}").build());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        ServerSentEvents.Result events = ServerSentEvents.readAll(HttpRequest.newBuilder(
                base.resolve(JSON.readTree(accepted.body()).path("events").asText())).header("Cookie", alice.cookie()));

        JsonNode done = events.events().get(events.events().size() - 1).data();
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(events.events()).anySatisfy(event -> assertThat(event.data().path("kind").asText()).isEqualTo("offered"));
        String processEnv = Files.readString(fakeDir.resolve("env"));
        String args = Files.readString(fakeDir.resolve("args"));
        assertThat(OURS).noneMatch(processEnv::contains).noneMatch(args::contains);
        assertThat(processEnv.lines().map(line -> line.substring(0, Math.max(0, line.indexOf('=')))))
                .noneMatch(name -> name.startsWith("FORGE_") || name.startsWith("WOODPECKER_") || name.startsWith("CHAT_")
                        || name.startsWith("FORWARD_"))
                .contains("ANTHROPIC_API_KEY", "HOME", "PATH");
        assertThat(processEnv).contains("ANTHROPIC_API_KEY=" + CHAT_KEY);
        assertThat(args).doesNotContain(CHAT_KEY).contains("--append-system-prompt=");
    }

    private static HttpRequest.Builder signed(SignedIn who, URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Cookie", who.cookie()).header("X-CSRF-Token", who.csrfToken()).header("Origin", base.toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
