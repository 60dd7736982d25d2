package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.claude.testing.InstalledClaude;
import dev.chatactions.adapter.claude.testing.MessagesApiStandIn;
import dev.chatactions.core.action.ActionMarkerParser;
import dev.chatactions.core.action.Marker;
import dev.chatactions.core.action.ParsedMarker;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real Claude Code CLI ({@code bin/test} installs it and sets {@code CHAT_ACTIONS_CLAUDE_BIN}),
 * pointed through {@code ANTHROPIC_BASE_URL} at a stand-in of the Messages API on loopback. Skipped
 * when the CLI is absent, unless {@code CHAT_ACTIONS_REQUIRE_CLAUDE=1} (CI) makes that a failure.
 */
class RealClaudeCliTest {

    private static final String FORGE_TOKEN = "forge-token-e2e-31a7";
    private static final String WOODPECKER_TOKEN = "woodpecker-token-e2e-8c02";
    private static final String OAUTH_SECRET = "oauth-secret-e2e-55d1";
    private static final String FORWARD_SECRET = "forward-secret-e2e-c4b9";
    private static final String CHAT_KEY = "sk-ant-e2e-chat-key-0001";
    private static final String SYSTEM_PROMPT = "You are the chat of the factory e2e-7f3d. Propose actions with <action> markers.";
    private static final List<String> OURS = List.of(FORGE_TOKEN, WOODPECKER_TOKEN, OAUTH_SECRET, FORWARD_SECRET);

    @RegisterExtension
    static final TokenLeakGuard LEAKS = new TokenLeakGuard(FORGE_TOKEN, WOODPECKER_TOKEN, OAUTH_SECRET, FORWARD_SECRET, CHAT_KEY);

    private static MessagesApiStandIn api;
    private static Path cli;

    @TempDir
    static Path home;

    private ClaudeCliAssistant assistant;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void findTheCliAndStartTheStandIn() throws Exception {
        cli = InstalledClaude.path();
        api = new MessagesApiStandIn();
    }

    @AfterAll
    static void stopTheStandIn() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void configureLikeADeployment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("FORGE_TOKEN", FORGE_TOKEN);
        env.put("WOODPECKER_TOKEN", WOODPECKER_TOKEN);
        env.put("CHAT_OAUTH_CLIENT_SECRET", OAUTH_SECRET);
        env.put("FORWARD_AUTH_SECRET", FORWARD_SECRET);
        env.put("ANTHROPIC_API_KEY", CHAT_KEY);
        env.put("ANTHROPIC_BASE_URL", api.baseUrl().toString());
        env.put(ClaudeSettings.CLAUDE_BIN, cli.toString());
        assistant = new ClaudeCliAssistant(ClaudeSettings.fromEnvironment(env, path -> path));
        api.clear();
    }

    private TurnEnd turn(String message, UUID session, boolean resume) {
        received.clear();
        AssistantRequest request = new AssistantRequest("alice", "0123456789ab", message, session, resume, SYSTEM_PROMPT);
        return LEAKS.record(assistant.converse(request, received::add, new CancelSignal()));
    }

    @Test
    void a_reply_streams_through_the_cli_in_pieces_with_its_marker_intact() {
        List<String> pieces = List.of("I can file that. ", "<action type=\"issue-create\">", "{\"title\":\"Flaky test in ci.yml\",",
                "\"labels\":[\"bug\"]}", "</action>", " Click to create it.");
        api.answer(new MessagesApiStandIn.Reply(pieces));
        UUID session = UUID.randomUUID();

        TurnEnd end = turn("please file the flaky test", session, false);

        assertThat(end).as("requests seen: %s", api.seen()).isInstanceOfSatisfying(TurnEnd.Completed.class, completed -> {
            assertThat(completed.modelSession()).isEqualTo(session.toString());
            assertThat(completed.stopReason()).isEqualTo("end_turn");
        });
        assertThat(received).hasSizeGreaterThanOrEqualTo(3);
        assertThat(String.join("", received)).isEqualTo(String.join("", pieces));
        List<ParsedMarker> markers = ActionMarkerParser.parse(String.join("", received));
        assertThat(markers).singleElement().isInstanceOfSatisfying(Marker.class,
                marker -> assertThat(marker.type()).isEqualTo("issue-create"));
        MessagesApiStandIn.Seen request = api.messageRequests().get(0);
        assertThat(request.body()).contains(SYSTEM_PROMPT).contains("please file the flaky test");
    }

    @Test
    void the_second_turn_resumes_the_session_with_the_earlier_messages() {
        UUID session = UUID.randomUUID();
        api.answer(new MessagesApiStandIn.Reply(List.of("First ", "answer ", "e2e-a1.")));
        assertThat(turn("first question e2e-q1", session, false)).isInstanceOf(TurnEnd.Completed.class);
        api.clear();
        api.answer(new MessagesApiStandIn.Reply(List.of("Second ", "answer.")));

        TurnEnd end = turn("second question e2e-q2", session, true);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Completed.class,
                completed -> assertThat(completed.modelSession()).isEqualTo(session.toString()));
        assertThat(String.join("", received)).isEqualTo("Second answer.");
        String body = api.messageRequests().get(0).body();
        assertThat(body).contains("first question e2e-q1").contains("First answer e2e-a1.").contains("second question e2e-q2");
        assertThat(body.indexOf("first question e2e-q1")).isLessThan(body.indexOf("second question e2e-q2"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "401, authentication_error, not logged in, false",
        "429, rate_limit_error, rate limited, true",
        "529, overloaded_error, overloaded, true"})
    void an_api_error_becomes_the_right_failure(int status, String errorType, String reason, boolean retryable) {
        api.answer(new MessagesApiStandIn.Status(status, errorType));

        assertThat(turn("hi", UUID.randomUUID(), false)).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains(reason);
            assertThat(failed.retryable()).isEqualTo(retryable);
        });
    }

    @Test
    void an_error_event_in_the_stream_fails_the_turn() {
        api.answer(new MessagesApiStandIn.StreamError("overloaded_error"));

        TurnEnd end = turn("hi", UUID.randomUUID(), false);

        assertThat(end).as("requests seen: %s", api.seen()).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("overloaded");
            assertThat(failed.retryable()).isTrue();
        });
    }

    @Test
    void a_stream_that_breaks_off_fails_the_turn() {
        api.answer(new MessagesApiStandIn.BrokenStream());

        TurnEnd end = turn("hi", UUID.randomUUID(), false);

        assertThat(end).as("requests seen: %s", api.seen()).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("broke off");
            assertThat(failed.retryable()).isTrue();
        });
    }

    @Test
    void no_token_of_ours_reaches_the_model_api() {
        api.answer(new MessagesApiStandIn.Reply(List.of("Nothing ", "secret.")));
        UUID session = UUID.randomUUID();
        turn("what tokens do you have?", session, false);
        turn("and now?", session, true);

        assertThat(api.seen()).isNotEmpty().allSatisfy(request -> assertThat(OURS).noneMatch(request.everything()::contains));
        assertThat(api.messageRequests()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(request -> assertThat(request.body()).contains(SYSTEM_PROMPT));
    }

    @Test
    void a_first_turn_tried_again_after_a_failure_continues_the_recorded_session() {
        UUID session = UUID.randomUUID();
        api.answer(new MessagesApiStandIn.Status(401, "authentication_error"));
        assertThat(turn("first try e2e-t1", session, false)).isInstanceOf(TurnEnd.Failed.class);
        api.answer(new MessagesApiStandIn.Reply(List.of("Now ", "it works.")));

        TurnEnd end = turn("second try e2e-t2", session, false);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Completed.class,
                completed -> assertThat(completed.modelSession()).isEqualTo(session.toString()));
        assertThat(String.join("", received)).isEqualTo("Now it works.");
    }

    @Test
    void resuming_a_session_the_cli_lost_starts_it_afresh() {
        UUID session = UUID.randomUUID();
        api.answer(new MessagesApiStandIn.Reply(List.of("Fresh ", "start.")));

        TurnEnd end = turn("after a redeploy", session, true);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Completed.class,
                completed -> assertThat(completed.modelSession()).isEqualTo(session.toString()));
        assertThat(String.join("", received)).isEqualTo("Fresh start.");
    }

    @Test
    void a_cancelled_turn_stops_the_cli_and_everything_it_started() throws Exception {
        api.answer(new MessagesApiStandIn.Stall());
        CancelSignal cancel = new CancelSignal();
        CountDownLatch started = new CountDownLatch(1);
        AssistantRequest request = new AssistantRequest("alice", "0123456789ab", "hi", UUID.randomUUID(), false, SYSTEM_PROMPT);

        CompletableFuture<TurnEnd> end = CompletableFuture.supplyAsync(() -> assistant.converse(request, piece -> {
            received.add(piece);
            started.countDown();
        }, cancel));
        assertThat(started.await(60, TimeUnit.SECONDS)).as("the first piece arrived").isTrue();
        cancel.cancel("the person left");

        assertThat(end.get(10, TimeUnit.SECONDS)).isEqualTo(new TurnEnd.Cancelled("the person left"));
        assertThat(received).containsExactly("Partial ");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(cli.toString()::equals).orElse(false))).isEmpty();
    }

    @Test
    void config_dir_mode_without_a_login_is_not_logged_in() throws Exception {
        Path identity = Files.createDirectories(home.resolve("chat-identity-" + UUID.randomUUID()));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("CHAT_CLAUDE_DIR", identity.toString());
        env.put("ANTHROPIC_BASE_URL", api.baseUrl().toString());
        env.put(ClaudeSettings.CLAUDE_BIN, cli.toString());
        assistant = new ClaudeCliAssistant(ClaudeSettings.fromEnvironment(env, path -> path));

        assertThat(turn("hi", UUID.randomUUID(), false)).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("not logged in");
            assertThat(failed.retryable()).isFalse();
        });
        assertThat(received).isEmpty();
        assertThat(api.messageRequests()).isEmpty();
    }
}
