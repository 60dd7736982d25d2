package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** When the upstream misbehaves or the history cannot be written, the outcome says so and nothing runs twice. */
class ActionServiceFailuresTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final InMemoryHistory history = new InMemoryHistory();
    private final ActionService service = ActionService.restore(new ActionPolicy(anyPolicySettings()), upstream, upstream,
            history, MutableClock.at("2026-11-23T20:00:00Z"));

    private static ExecuteActionCommand command(String json, String key) {
        return new ExecuteActionCommand("alice", "0123456789ab", "issue-create", payload(json), key, null);
    }

    private List<ActionStatus> statuses() {
        return history.records(ActionLine.class).stream().map(ActionLine::status).toList();
    }

    @Test
    void a_bug_in_the_adapter_after_sending_is_an_unknown_outcome_not_a_failure() {
        upstream.throwNext(new IllegalStateException("adapter bug"));

        ActionOutcome outcome = service.execute(command("{\"title\":\"x\"}", "key-bug"));

        assertThat(outcome).isEqualTo(new ActionOutcome.Unknown("key-bug", Failure.of(Failure.Kind.ANSWER_LOST, 0, false,
                "unexpected IllegalStateException while calling the upstream")));
        assertThat(statuses()).containsExactly(ActionStatus.STARTED, ActionStatus.UNKNOWN);
    }

    @Test
    void a_lookup_that_fails_leaves_the_attempt_unknown_and_sends_nothing() {
        upstream.loseNextAnswer();
        service.execute(command("{\"title\":\"x\"}", "key-l"));
        ActionLine unknown = history.records(ActionLine.class).get(1);
        upstream.failNextLookup(Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "forge down"));

        ActionOutcome replayed = service.replay(unknown);

        assertThat(replayed).isInstanceOf(ActionOutcome.Unknown.class);
        Failure failure = ((ActionOutcome.Unknown) replayed).failure();
        assertThat(failure.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.message()).isEqualTo("could not check whether the earlier attempt created it: forge down");
        assertThat(upstream.calls()).hasSize(1);
        assertThat(statuses()).containsExactly(ActionStatus.STARTED, ActionStatus.UNKNOWN, ActionStatus.UNKNOWN);
    }

    @Test
    void an_outcome_that_cannot_be_recorded_is_returned_with_the_error_and_is_not_run_again() throws Exception {
        upstream.hold();
        CompletableFuture<ActionOutcome> running = CompletableFuture.supplyAsync(
                () -> service.execute(command("{\"title\":\"x\"}", "key-w")));
        assertThat(upstream.awaitEntered()).isTrue();
        history.failAppends(true);
        upstream.release();

        ActionOutcome outcome = running.get();

        assertThat(outcome).isInstanceOf(ActionOutcome.NotRecorded.class);
        ActionOutcome.NotRecorded notRecorded = (ActionOutcome.NotRecorded) outcome;
        assertThat(notRecorded.upstream()).isInstanceOf(ActionOutcome.Done.class);
        assertThat(notRecorded.error()).startsWith("the outcome could not be recorded: ");
        history.failAppends(false);
        assertThat(service.execute(command("{\"title\":\"x\"}", "key-w")))
                .isEqualTo(new ActionOutcome.AlreadyDone("key-w", notRecorded.upstream()));
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void a_denial_that_cannot_be_recorded_is_still_a_denial() {
        history.failAppends(true);

        ActionOutcome outcome = service.execute(command("{\"title\":\"x\",\"state\":\"closed\"}", "key-d"));

        assertThat(outcome).isInstanceOf(ActionOutcome.NotRecorded.class);
        ActionOutcome.NotRecorded notRecorded = (ActionOutcome.NotRecorded) outcome;
        assertThat(notRecorded.upstream()).isEqualTo(new ActionOutcome.Denied("key-d",
                List.of("unknown field \"state\" for issue-create (allowed: body, labels, title)")));
        assertThat(notRecorded.error()).startsWith("the denial could not be recorded: ");
        assertThat(upstream.calls()).isEmpty();
    }
}
