package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.claude.testing.FakeClaude;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code claude} that misbehaves: each turn ends with the right failure, the text that came is
 * kept, no process is left behind, and the next turn works.
 */
class FaultsTest {

    private static final String CHAT_KEY = "sk-ant-test-chat-key";

    @RegisterExtension
    static final TokenLeakGuard LEAKS = new TokenLeakGuard(CHAT_KEY, "stderr-secret-9d1e");

    /** Short enough to wait for, long enough for a busy machine between two lines of a script. */
    private static final ClaudeSettings.Limits QUICK =
            FakeClaude.limits(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(30));

    @TempDir
    Path dir;

    private final List<String> received = new CopyOnWriteArrayList<>();

    private TurnEnd turn(ClaudeCliAssistant assistant, CancelSignal cancel) {
        received.clear();
        AssistantRequest request = new AssistantRequest("alice", "0123456789ab", "hi", UUID.randomUUID(), false, "prompt");
        return LEAKS.record(assistant.converse(request, received::add, cancel));
    }

    /** Runs the faulty turn, checks nothing of it is left running, then that the next turn works. */
    private TurnEnd faultyThenFine(FakeClaude script, ClaudeSettings.Limits limits) {
        ClaudeCliAssistant assistant = new ClaudeCliAssistant(script.thenWorks().settings(limits));
        TurnEnd end = turn(assistant, new CancelSignal());
        List<String> partial = List.copyOf(received);
        assertNothingLeftRunning();
        assertThat(turn(assistant, new CancelSignal())).isInstanceOf(TurnEnd.Completed.class);
        assertThat(received).containsExactly("fine");
        received.clear();
        received.addAll(partial);
        return end;
    }

    private void assertNothingLeftRunning() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()) || childPid().filter(pid -> pid == p.pid()).isPresent()))
                .as("processes of the turn still running").isEmpty();
        childPid().ifPresent(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the spawned child").isEmpty());
    }

    private Optional<Long> childPid() {
        try {
            Path file = dir.resolve("child.pid");
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_hang_ends_at_the_silence_limit_keeping_the_text() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init().delta("Half a ").shell("sleep 600"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("timed out").contains("no output for 2 s");
            assertThat(failed.retryable()).isTrue();
        });
        assertThat(received).containsExactly("Half a ");
    }

    @Test
    void no_first_byte_ends_at_the_first_byte_limit() {
        ClaudeSettings.Limits limits = FakeClaude.limits(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30));

        TurnEnd end = faultyThenFine(FakeClaude.in(dir).shell("sleep 600"), limits);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("timed out").contains("no answer within 500 ms"));
    }

    @Test
    void status_lines_without_a_reply_do_not_stretch_the_first_byte_limit() {
        ClaudeSettings.Limits limits = FakeClaude.limits(Duration.ofMillis(800), Duration.ofSeconds(10), Duration.ofSeconds(30));

        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .shell("while true; do sleep 0.1; echo '{\"type\":\"system\",\"subtype\":\"status\",\"status\":\"requesting\"}'; done"), limits);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("no answer within 800 ms"));
    }

    @Test
    void a_slow_trickle_ends_at_the_turn_limit() {
        ClaudeSettings.Limits limits = FakeClaude.limits(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));

        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init().shell("while true; do sleep 0.2; echo '{\"type\":\"keep_alive\"}'; done"), limits);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("the turn took longer than 1 s"));
    }

    @Test
    void exit_1_fails_with_the_exit_code_and_the_redacted_stderr_tail() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init().delta("Before ")
                .shell("echo 'Error: request failed, api_key=stderr-secret-9d1e Authorization: Bearer sk-ant-abc' >&2")
                .shell("echo 'giving up' >&2").shell("exit 1"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("exit code 1").contains("Error: request failed").contains("giving up")
                    .doesNotContain("stderr-secret-9d1e").doesNotContain("sk-ant-abc");
            assertThat(failed.retryable()).isTrue();
        });
        assertThat(received).containsExactly("Before ");
    }

    @Test
    void garbage_lines_are_survived() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .line("not json at all").line("{\"type\":").line("[1,2,3]").line("{\"no\":\"type\"}").line("\u0000\u0001binary")
                .line("{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":42}}}")
                .line("{\"type\":\"some_future_event\",\"x\":1}")
                .delta("Still ").delta("here").result(), QUICK);

        assertThat(end).isInstanceOf(TurnEnd.Completed.class);
        assertThat(received).containsExactly("Still ", "here");
    }

    @Test
    void garbage_only_fails_as_an_unfinished_reply() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).line("garbage").line("more garbage"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("ended without finishing its reply"));
    }

    @Test
    void a_10_mib_line_without_an_end_fails_without_buffering_it() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init().delta("Start ")
                .shell("head -c 10485760 /dev/zero | tr '\\0' 'x'").shell("sleep 600"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("an output line over 262144 bytes"));
        assertThat(received).containsExactly("Start ");
    }

    @Test
    void a_10_mib_reply_in_many_deltas_stops_at_the_reply_cap() {
        String delta = "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + "y".repeat(1000) + "\"}}}";
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .shell("i=0; while [ $i -lt 10240 ]; do printf '%s\\n' '" + delta + "'; i=$((i+1)); done").result(), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("a reply over 65536 bytes"));
        assertThat(String.join("", received)).hasSize(65_000).matches("y+");
    }

    @Test
    void dying_mid_marker_fails_and_keeps_the_half_marker() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .delta("I propose ").delta("<action type=\"issue-create\">{\"ti").shell("kill -9 $$"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("exit code 137"));
        assertThat(String.join("", received)).isEqualTo("I propose <action type=\"issue-create\">{\"ti");
    }

    @Test
    void a_process_that_ignores_sigterm_is_killed_on_cancel() throws Exception {
        ClaudeCliAssistant assistant = new ClaudeCliAssistant(FakeClaude.in(dir)
                .shell("trap '' TERM").init().delta("Thinking").shell("sleep 600 & echo $! > \"$FAKE_DIR/child.pid\"; wait")
                .thenWorks().settings(FakeClaude.limits(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(90))));
        CancelSignal cancel = new CancelSignal();

        CompletableFuture<TurnEnd> end = CompletableFuture.supplyAsync(() -> turn(assistant, cancel));
        while (!Files.exists(dir.resolve("child.pid")) || received.isEmpty()) {
            Thread.sleep(20);
        }
        cancel.cancel("the person closed the page");

        assertThat(end.get(10, TimeUnit.SECONDS)).isEqualTo(new TurnEnd.Cancelled("the person closed the page"));
        assertThat(received).containsExactly("Thinking");
        assertNothingLeftRunning();
        assertThat(turn(assistant, new CancelSignal())).isInstanceOf(TurnEnd.Completed.class);
    }

    @Test
    void a_child_that_would_outlive_the_cli_is_killed_with_it() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .shell("sleep 600 & echo $! > \"$FAKE_DIR/child.pid\"")
                .delta("Done").shell("sleep 0.3").result().shell("exit 0"), QUICK);

        assertThat(end).isInstanceOf(TurnEnd.Completed.class);
        assertThat(received).containsExactly("Done");
    }

    @Test
    void an_error_result_wins_over_exit_code_0() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .line("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":529,"
                        + "\"result\":\"API Error: 529 Overloaded\",\"session_id\":\"s\"}").shell("exit 0"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("overloaded");
            assertThat(failed.retryable()).isTrue();
        });
    }

    @Test
    void a_refused_login_ends_at_the_first_retry_instead_of_after_the_back_off() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init()
                .line("{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1,\"error_status\":401,\"error\":\"authentication_failed\"}")
                .shell("sleep 600"), QUICK);

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class, failed -> {
            assertThat(failed.reason()).contains("not logged in");
            assertThat(failed.retryable()).isFalse();
        });
    }

    @Test
    void only_an_assistant_message_is_the_fallback_for_missing_deltas() {
        TurnEnd end = faultyThenFine(FakeClaude.in(dir).init().assistant("Whole reply <action type=\"ci-run\">{}</action>")
                .line("{\"type\":\"assistant\",\"message\":{\"model\":\"<synthetic>\",\"content\":[{\"type\":\"text\",\"text\":\"API Error\"}]}}")
                .result(), QUICK);

        assertThat(end).isInstanceOf(TurnEnd.Completed.class);
        assertThat(received).containsExactly("Whole reply <action type=\"ci-run\">{}</action>");
    }

    @Test
    void a_missing_executable_fails_without_throwing() {
        ClaudeSettings settings = FakeClaude.in(dir).settings(QUICK);
        ClaudeSettings missing = new ClaudeSettings(dir.resolve("no-such-claude"), settings.model(), settings.baseUrl(),
                settings.identity(), settings.home(), settings.path(), settings.lang(), settings.limits(), settings.workRoot());

        TurnEnd end = turn(new ClaudeCliAssistant(missing), new CancelSignal());

        assertThat(end).isInstanceOfSatisfying(TurnEnd.Failed.class,
                failed -> assertThat(failed.reason()).contains("could not be started"));
    }

    @Test
    void a_first_turn_whose_session_exists_already_is_resumed() {
        ClaudeCliAssistant assistant = new ClaudeCliAssistant(FakeClaude.in(dir)
                .shell("case \"$*\" in *--session-id=*) echo \"Error: Session ID $SESSION is already in use.\" >&2; exit 1;; esac")
                .init().delta("resumed").result().settings(QUICK));

        assertThat(turn(assistant, new CancelSignal())).isInstanceOf(TurnEnd.Completed.class);
        assertThat(received).containsExactly("resumed");
    }

    @Test
    void a_resumed_session_the_cli_does_not_know_is_started() {
        ClaudeCliAssistant assistant = new ClaudeCliAssistant(FakeClaude.in(dir)
                .shell("case \"$*\" in *--resume=*) printf '{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true,"
                        + "\"errors\":[\"No conversation found with session ID: %s\"]}\\n' \"$SESSION\"; exit 1;; esac")
                .init().delta("started afresh").result().settings(QUICK));
        received.clear();
        AssistantRequest resume = new AssistantRequest("alice", "0123456789ab", "hi", UUID.randomUUID(), true, "prompt");

        assertThat(LEAKS.record(assistant.converse(resume, received::add, new CancelSignal()))).isInstanceOf(TurnEnd.Completed.class);
        assertThat(received).containsExactly("started afresh");
    }

    @Test
    void a_failed_turn_that_already_said_something_is_not_run_again() {
        ClaudeCliAssistant assistant = new ClaudeCliAssistant(FakeClaude.in(dir)
                .init().delta("half").shell("echo \"Error: Session ID $SESSION is already in use.\" >&2; exit 1").settings(QUICK));

        assertThat(turn(assistant, new CancelSignal())).isInstanceOf(TurnEnd.Failed.class);
        assertThat(received).containsExactly("half");
    }
}
