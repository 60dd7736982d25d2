package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.REPO;
import static dev.chatactions.core.testing.ActionFixture.anyCiPayload;
import static dev.chatactions.core.testing.ActionFixture.anyIssuePayload;
import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.PolicySettings;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a replay does with each kind of recorded line, and from when it looks for a lost answer. */
class ActionServiceReplayTest {

    private static final String CONVERSATION = "0123456789ab";

    private final FakeUpstream upstream = new FakeUpstream();
    private final InMemoryHistory history = new InMemoryHistory();
    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final ActionPolicy policy = new ActionPolicy(anyPolicySettings());
    private final ActionService service = ActionService.restore(policy, upstream, upstream, history, clock);

    private static ExecuteActionCommand command(String type, Payload payload, String key) {
        return new ExecuteActionCommand("alice", CONVERSATION, type, payload, key, null);
    }

    private ActionLine lastLine() {
        List<ActionLine> lines = history.records(ActionLine.class);
        return lines.get(lines.size() - 1);
    }

    /** A service of a new process that has not read the history: it knows nothing of earlier keys. */
    private ActionService serviceWithoutHistory() {
        return new ActionService(policy, upstream, upstream, new InMemoryHistory(), clock);
    }

    @Test
    void the_service_decides_with_the_policy_it_was_given() {
        assertThat(service.policy()).isSameAs(policy);
    }

    @Test
    void replaying_a_key_that_is_still_running_answers_in_progress_and_sends_nothing() throws Exception {
        upstream.hold();
        CompletableFuture<ActionOutcome> first = CompletableFuture.supplyAsync(
                () -> service.execute(command("issue-create", anyIssuePayload(), "key-run")));
        assertThat(upstream.awaitEntered()).isTrue();
        ActionLine started = lastLine();

        ActionOutcome replayed = service.replay(started);
        upstream.release();

        assertThat(replayed).isEqualTo(new ActionOutcome.InProgress("key-run"));
        assertThat(first.get()).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
        assertThat(upstream.lookupsSince()).isEmpty();
    }

    @Test
    void a_replay_the_policy_now_refuses_is_recorded_as_a_denial_of_that_line() {
        upstream.failNext(Failure.of(Failure.Kind.UNAVAILABLE, 502, true, "bad gateway"));
        service.execute(command("ci-run", anyCiPayload(), "key-off"));
        ActionLine failed = lastLine();
        ActionPolicy noCi = new ActionPolicy(new PolicySettings(REPO, Set.of(), EnumSet.of(ActionType.ISSUE_CREATE)));
        ActionService later = ActionService.restore(noCi, upstream, upstream, history, clock);

        ActionOutcome replayed = later.replay(failed);

        assertThat(replayed).isEqualTo(new ActionOutcome.Denied("key-off", List.of("ci-run is switched off in this deployment")));
        assertThat(lastLine().status()).isEqualTo(ActionStatus.DENIED);
        assertThat(lastLine().replayOf()).isEqualTo(failed.ts().toString());
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void an_unknown_line_replayed_without_its_history_looks_back_from_the_line_itself() {
        upstream.loseNextAnswer();
        service.execute(command("issue-create", anyIssuePayload(), "key-u"));
        ActionLine unknown = lastLine();
        assertThat(unknown.status()).isEqualTo(ActionStatus.UNKNOWN);
        clock.advance(Duration.ofHours(1));

        ActionOutcome replayed = serviceWithoutHistory().replay(unknown);

        assertThat(replayed).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
        assertThat(upstream.lookupsSince()).containsExactly(unknown.ts().minus(ActionService.RECONCILE_MARGIN));
    }

    @Test
    void a_started_line_replayed_without_its_history_is_reconciled_not_sent_again() {
        upstream.loseNextAnswer();
        service.execute(command("ci-run", anyCiPayload(), "key-s"));
        ActionLine started = history.records(ActionLine.class).get(0);
        assertThat(started.status()).isEqualTo(ActionStatus.STARTED);

        ActionOutcome replayed = serviceWithoutHistory().replay(started);

        assertThat(replayed).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
        assertThat(upstream.lookupsSince()).containsExactly(started.ts().minus(ActionService.RECONCILE_MARGIN));
    }

    @Test
    void a_failed_line_whose_rerun_lost_its_answer_is_reconciled_from_the_rerun_start() {
        upstream.failNext(Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "down"));
        service.execute(command("issue-create", anyIssuePayload(), "key-f"));
        ActionLine failed = lastLine();
        clock.advance(Duration.ofMinutes(10));
        Instant rerunStart = clock.instant();
        upstream.loseNextAnswer();
        assertThat(service.replay(failed)).isInstanceOf(ActionOutcome.Unknown.class);
        clock.advance(Duration.ofMinutes(10));

        ActionOutcome again = service.replay(failed);

        assertThat(again).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(2);
        assertThat(upstream.lookupsSince()).containsExactly(rerunStart.minus(ActionService.RECONCILE_MARGIN));
    }

    @Test
    void a_failed_line_is_run_again_without_a_lookup() {
        upstream.failNext(Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "down"));
        service.execute(command("issue-create", anyIssuePayload(), "key-g"));

        assertThat(serviceWithoutHistory().replay(lastLine())).isInstanceOf(ActionOutcome.Done.class);

        assertThat(upstream.calls()).hasSize(2);
        assertThat(upstream.lookupsSince()).isEmpty();
    }
}
