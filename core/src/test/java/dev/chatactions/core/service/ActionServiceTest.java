package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyCiPayload;
import static dev.chatactions.core.testing.ActionFixture.anyIssuePayload;
import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.service.ExecuteActionUseCase.ProposalClaim;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ActionServiceTest {

    private static final String CONVERSATION = "0123456789ab";

    private final FakeUpstream upstream = new FakeUpstream();
    private final InMemoryHistory history = new InMemoryHistory();
    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private ActionService service = newService();

    private ActionService newService() {
        return ActionService.restore(new ActionPolicy(anyPolicySettings()), upstream, upstream, history, clock);
    }

    private static ExecuteActionCommand command(String type, Payload payload, String key) {
        return new ExecuteActionCommand("alice", CONVERSATION, type, payload, key, null);
    }

    private List<ActionStatus> statuses() {
        return history.records(ActionLine.class).stream().map(ActionLine::status).toList();
    }

    @Test
    void an_allowed_action_reaches_the_port_once_and_is_recorded_before_and_after() {
        ActionOutcome outcome = service.execute(command("issue-create", anyIssuePayload(), "key-1"));

        assertThat(outcome).isInstanceOf(ActionOutcome.Done.class);
        assertThat(((ActionOutcome.Done) outcome).result().kind()).isEqualTo("issue");
        assertThat(upstream.calls()).extracting(FakeUpstream.Call::key).containsExactly("key-1");
        assertThat(statuses()).containsExactly(ActionStatus.STARTED, ActionStatus.DONE);
        ActionLine done = history.records(ActionLine.class).get(1);
        assertThat(done.result()).isEqualTo(((ActionOutcome.Done) outcome).result());
        assertThat(done.request()).isEqualTo(anyIssuePayload());
        assertThat(done.proposal()).isNull();
        assertThat(done.conversation()).isEqualTo(CONVERSATION);
    }

    @Test
    void the_same_key_never_reaches_the_port_twice() {
        ActionOutcome first = service.execute(command("issue-create", anyIssuePayload(), "key-1"));
        ActionOutcome second = service.execute(command("issue-create", anyIssuePayload(), "key-1"));

        assertThat(second).isEqualTo(new ActionOutcome.AlreadyDone("key-1", first));
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void without_a_key_the_same_request_in_the_same_conversation_runs_once() {
        ActionOutcome first = service.execute(command("ci-run", anyCiPayload(), null));
        ActionOutcome again = service.execute(command("ci-run", anyCiPayload(), null));
        ActionOutcome elsewhere = service.execute(
                new ExecuteActionCommand("alice", "ffffffffffff", "ci-run", anyCiPayload(), null, null));

        assertThat(first.key()).startsWith("k-").isEqualTo(again.key());
        assertThat(again).isInstanceOf(ActionOutcome.AlreadyDone.class);
        assertThat(elsewhere).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(2);
    }

    @Test
    void a_ci_run_without_a_key_can_run_again_on_a_later_utc_day_but_not_twice_on_one() {
        ActionOutcome first = service.execute(command("ci-run", anyCiPayload(), null));
        ActionOutcome retried = service.execute(command("ci-run", anyCiPayload(), null));
        clock.advance(Duration.ofDays(1));
        ActionOutcome tomorrow = service.execute(command("ci-run", anyCiPayload(), null));
        ActionOutcome issueTomorrow = service.execute(command("issue-create", anyIssuePayload(), null));
        clock.advance(Duration.ofDays(-1));
        ActionOutcome issueToday = service.execute(command("issue-create", anyIssuePayload(), null));

        assertThat(retried).isEqualTo(new ActionOutcome.AlreadyDone(first.key(), first));
        assertThat(tomorrow).isInstanceOf(ActionOutcome.Done.class);
        assertThat(tomorrow.key()).isNotEqualTo(first.key());
        assertThat(issueToday).isEqualTo(new ActionOutcome.AlreadyDone(issueTomorrow.key(), issueTomorrow));
        assertThat(upstream.calls()).hasSize(3);
    }

    @Test
    void a_ci_run_proposal_is_offered_again_on_a_later_utc_day_an_issue_proposal_is_not() {
        Proposal ci = service.propose("alice", CONVERSATION, "ci-run", anyCiPayload());
        Proposal issue = service.propose("alice", CONVERSATION, "issue-create", anyIssuePayload());
        clock.advance(Duration.ofDays(1));

        assertThat(service.propose("alice", CONVERSATION, "ci-run", anyCiPayload()).id()).isNotEqualTo(ci.id());
        assertThat(service.propose("alice", CONVERSATION, "issue-create", anyIssuePayload())).isEqualTo(issue);
    }

    @Test
    void a_recorded_key_no_upstream_can_carry_is_denied_on_replay_and_nothing_is_sent() {
        ActionLine recorded = new ActionLine(clock.instant(), "alice", null, "issue-create", "k--old", null,
                anyIssuePayload(), ActionStatus.UNKNOWN, List.of(), null,
                Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "lost"), null);

        ActionOutcome outcome = service.replay(recorded);

        assertThat(outcome).isInstanceOf(ActionOutcome.Denied.class);
        assertThat(((ActionOutcome.Denied) outcome).reasons()).singleElement().asString()
                .contains("\"k--old\" cannot be carried upstream", "without \"--\"");
        assertThat(upstream.calls()).isEmpty();
        assertThat(statuses()).containsExactly(ActionStatus.DENIED);
    }

    @Test
    void keys_belong_to_their_user() {
        service.execute(command("issue-create", anyIssuePayload(), "shared-key"));
        ActionOutcome bobs = service.execute(
                new ExecuteActionCommand("bob", null, "issue-create", anyIssuePayload(), "shared-key", null));

        assertThat(bobs).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(2);
    }

    @Test
    void a_key_reused_for_a_different_request_is_denied() {
        service.execute(command("issue-create", anyIssuePayload(), "key-1"));
        ActionOutcome other = service.execute(command("issue-create", payload("{\"title\":\"other\"}"), "key-1"));

        assertThat(other).isEqualTo(new ActionOutcome.Denied("key-1",
                List.of("idempotency key \"key-1\" was already used for a different request")));
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void a_denial_is_recorded_and_sends_nothing() {
        ActionOutcome outcome = service.execute(command("delete-repo", payload("{}"), "key-d"));

        assertThat(outcome).isInstanceOf(ActionOutcome.Denied.class);
        assertThat(((ActionOutcome.Denied) outcome).reasons()).containsExactly("\"delete-repo\" is not an additive action (delete)");
        assertThat(upstream.calls()).isEmpty();
        ActionLine line = history.records(ActionLine.class).get(0);
        assertThat(line.status()).isEqualTo(ActionStatus.DENIED);
        assertThat(line.type()).isEqualTo("delete-repo");
        assertThat(line.reasons()).isEqualTo(((ActionOutcome.Denied) outcome).reasons());
    }

    @Test
    void a_concurrent_duplicate_gets_in_progress_while_the_first_runs() throws Exception {
        upstream.hold();
        CompletableFuture<ActionOutcome> first = CompletableFuture.supplyAsync(
                () -> service.execute(command("pr-create", payload("{\"head\":\"x\",\"base\":\"main\",\"title\":\"t\"}"), "k")));
        assertThat(upstream.awaitEntered()).isTrue();

        ActionOutcome second = service.execute(command("pr-create", payload("{\"head\":\"x\",\"base\":\"main\",\"title\":\"t\"}"), "k"));
        upstream.release();

        assertThat(second).isEqualTo(new ActionOutcome.InProgress("k"));
        assertThat(first.get()).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
        assertThat(service.outcome("alice", "k")).contains(first.get());
    }

    @Test
    void an_upstream_failure_is_a_failed_outcome_and_is_recorded() {
        Failure unavailable = Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "forge answered 503");
        upstream.failNext(unavailable);

        ActionOutcome outcome = service.execute(command("issue-create", anyIssuePayload(), "key-f"));

        assertThat(outcome).isEqualTo(new ActionOutcome.Failed("key-f", unavailable));
        assertThat(statuses()).containsExactly(ActionStatus.STARTED, ActionStatus.FAILED);
        assertThat(history.records(ActionLine.class).get(1).failure()).isEqualTo(unavailable);
        assertThat(service.execute(command("issue-create", anyIssuePayload(), "key-f")))
                .isEqualTo(new ActionOutcome.AlreadyDone("key-f", outcome));
    }

    @Test
    void a_lost_answer_is_unknown_and_replay_reconciles_instead_of_creating_again() {
        upstream.loseNextAnswer();
        ActionOutcome outcome = service.execute(command("issue-create", anyIssuePayload(), "key-u"));
        assertThat(outcome).isInstanceOf(ActionOutcome.Unknown.class);

        ActionLine unknown = history.records(ActionLine.class).get(1);
        assertThat(unknown.status()).isEqualTo(ActionStatus.UNKNOWN);
        ActionOutcome replayed = service.replay(unknown);

        assertThat(replayed).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
        ActionLine last = history.records(ActionLine.class).get(2);
        assertThat(last.status()).isEqualTo(ActionStatus.DONE);
        assertThat(last.replayOf()).isEqualTo(unknown.ts().toString());
        assertThat(service.replay(unknown)).isEqualTo(new ActionOutcome.AlreadyDone("key-u", replayed));
    }

    @Test
    void replay_runs_a_failed_attempt_again_and_never_a_denied_one() {
        upstream.failNext(Failure.of(Failure.Kind.UNAVAILABLE, 502, true, "bad gateway"));
        service.execute(command("ci-run", anyCiPayload(), "key-r"));
        service.execute(command("ci-run", payload("{\"branch\":\"main\",\"force\":true}"), "key-x"));
        ActionLine failed = history.records(ActionLine.class).get(1);
        ActionLine denied = history.records(ActionLine.class).get(2);

        ActionOutcome again = service.replay(failed);
        ActionOutcome deniedAgain = service.replay(denied);

        assertThat(again).isInstanceOf(ActionOutcome.Done.class);
        assertThat(deniedAgain).isInstanceOf(ActionOutcome.AlreadyDone.class);
        assertThat(upstream.calls()).extracting(FakeUpstream.Call::key).containsExactly("key-r", "key-r");
    }

    @Test
    void when_the_start_cannot_be_recorded_nothing_is_sent_and_the_key_stays_free() {
        history.failAppends(true);
        ActionOutcome outcome = service.execute(command("issue-create", anyIssuePayload(), "key-h"));

        assertThat(outcome).isInstanceOf(ActionOutcome.NotRecorded.class);
        assertThat(((ActionOutcome.NotRecorded) outcome).upstream()).isNull();
        assertThat(((ActionOutcome.NotRecorded) outcome).error()).contains("No space left on device");
        assertThat(upstream.calls()).isEmpty();

        history.failAppends(false);
        assertThat(service.execute(command("issue-create", anyIssuePayload(), "key-h"))).isInstanceOf(ActionOutcome.Done.class);
    }

    @Test
    void a_proposal_runs_once_and_only_with_the_payload_that_was_shown() {
        Proposal proposal = service.propose("alice", CONVERSATION, "issue-create", anyIssuePayload());
        assertThat(service.propose("alice", CONVERSATION, "issue-create", anyIssuePayload())).isEqualTo(proposal);
        assertThat(history.records(ProposalLine.class)).hasSize(1);
        assertThat(proposal.digest()).isEqualTo(PayloadJson.digest(anyIssuePayload()));

        ProposalClaim claim = new ProposalClaim(proposal.id(), proposal.digest());
        ActionOutcome tampered = service.execute(new ExecuteActionCommand(
                "alice", null, "issue-create", payload("{\"title\":\"changed\"}"), null, claim));
        ActionOutcome clicked = service.execute(new ExecuteActionCommand(
                "alice", null, "issue-create", anyIssuePayload(), null, claim));
        ActionOutcome clickedAgain = service.execute(new ExecuteActionCommand(
                "alice", null, "issue-create", anyIssuePayload(), null, claim));
        ActionOutcome bobsClick = service.execute(new ExecuteActionCommand(
                "bob", null, "issue-create", anyIssuePayload(), null, claim));

        assertThat(tampered).isInstanceOf(ActionOutcome.Denied.class);
        assertThat(((ActionOutcome.Denied) tampered).reasons())
                .containsExactly("the payload differs from proposal \"" + proposal.id() + "\" as it was shown");
        assertThat(clicked).isInstanceOf(ActionOutcome.Done.class);
        assertThat(clicked.key()).isEqualTo(proposal.id());
        assertThat(clickedAgain).isEqualTo(new ActionOutcome.AlreadyDone(proposal.id(), clicked));
        assertThat(((ActionOutcome.Denied) bobsClick).reasons())
                .containsExactly("proposal \"" + proposal.id() + "\" is unknown for this user");
        assertThat(upstream.calls()).hasSize(1);
        ActionLine done = history.records(ActionLine.class).stream()
                .filter(l -> l.status() == ActionStatus.DONE).findFirst().orElseThrow();
        assertThat(done.proposal()).isEqualTo(proposal.id());
        assertThat(done.conversation()).isEqualTo(CONVERSATION);
    }

    @Test
    void state_survives_a_restart() {
        Proposal proposal = service.propose("alice", CONVERSATION, "ci-run", anyCiPayload());
        ActionOutcome done = service.execute(new ExecuteActionCommand("alice", CONVERSATION, "ci-run", anyCiPayload(),
                null, new ProposalClaim(proposal.id(), proposal.digest())));

        service = newService();

        assertThat(service.proposal("alice", proposal.id())).contains(proposal);
        assertThat(service.outcome("alice", proposal.id())).contains(done);
        assertThat(service.execute(new ExecuteActionCommand("alice", CONVERSATION, "ci-run", anyCiPayload(),
                null, new ProposalClaim(proposal.id(), proposal.digest()))))
                .isEqualTo(new ActionOutcome.AlreadyDone(proposal.id(), done));
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void a_start_without_an_outcome_after_a_crash_is_unknown_and_is_reconciled_on_replay() {
        upstream.hold();
        CompletableFuture.runAsync(() -> service.execute(command("issue-create", anyIssuePayload(), "key-c")));
        try {
            assertThat(upstream.awaitEntered()).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        ActionLine started = history.records(ActionLine.class).get(0);
        assertThat(started.status()).isEqualTo(ActionStatus.STARTED);
        // The "crash": a new process sees only the started line; the old call completes upstream.
        ActionService afterCrash = newService();
        upstream.release();
        clock.advance(Duration.ofMinutes(5));
        await(() -> upstream.calls().size() == 1);

        assertThat(afterCrash.outcome("alice", "key-c")).get().isInstanceOf(ActionOutcome.Unknown.class);
        ActionOutcome replayed = afterCrash.replay(started);
        assertThat(replayed).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
