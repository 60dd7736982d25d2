package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.service.ExecuteActionUseCase.ProposalClaim;
import dev.chatactions.core.testing.DelegatingHistory;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A bounded ledger drops old keys and proposals from memory, yet an old click or retry never runs twice. */
class ActionServiceRetentionTest {

    private static final String CONVERSATION = "0123456789ab";
    private static final LedgerRetention DAY = LedgerRetention.of(Duration.ofDays(1));

    private final FakeUpstream upstream = new FakeUpstream();
    private final CountingHistory history = new CountingHistory(new InMemoryHistory());
    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final ActionPolicy policy = new ActionPolicy(anyPolicySettings());

    /** The history, counting the lookups of dropped keys. */
    private static final class CountingHistory extends DelegatingHistory {
        private final AtomicInteger keyedReads = new AtomicInteger();
        private volatile boolean unreadable;

        CountingHistory(HistoryPort history) {
            super(history);
        }

        AtomicInteger keyedReads() {
            return keyedReads;
        }

        @Override
        public Stream<HistoryRecord> keyed(String user, String key) {
            keyedReads.incrementAndGet();
            if (unreadable) {
                throw new HistoryException("history not read (test)");
            }
            return super.keyed(user, key);
        }
    }

    private ActionService restarted(LedgerRetention retention) {
        return ActionService.restore(policy, upstream, upstream, history, clock, retention);
    }

    private static ExecuteActionCommand keyed(String key, String title) {
        return new ExecuteActionCommand("alice", CONVERSATION, "issue-create", payload("{\"title\":\"" + title + "\"}"), key, null);
    }

    private static ExecuteActionCommand click(Proposal proposal) {
        return new ExecuteActionCommand("alice", CONVERSATION, proposal.type(), proposal.payload(), null,
                new ProposalClaim(proposal.id(), proposal.digest()));
    }

    @Test
    void a_key_settled_before_the_window_gets_its_recorded_outcome_after_a_restart_and_runs_nothing() {
        ActionOutcome first = restarted(DAY).execute(keyed("key-1", "x"));
        clock.advance(Duration.ofDays(3));

        ActionService later = restarted(DAY);
        ActionOutcome again = later.execute(keyed("key-1", "x"));

        assertThat(again).isEqualTo(new ActionOutcome.AlreadyDone("key-1", first));
        assertThat(later.outcome("alice", "key-1")).contains(first);
        assertThat(upstream.createsReceived()).isEqualTo(1);
        assertThat(history.keyedReads()).as("the dropped key was read back from the history").hasPositiveValue();
    }

    @Test
    void a_key_reused_for_another_request_after_the_window_is_still_refused() {
        restarted(DAY).execute(keyed("key-1", "x"));
        clock.advance(Duration.ofDays(3));

        ActionOutcome reused = restarted(DAY).execute(keyed("key-1", "other"));

        assertThat(reused).isInstanceOf(ActionOutcome.Denied.class);
        assertThat(upstream.createsReceived()).isEqualTo(1);
    }

    @Test
    void a_click_on_a_proposal_older_than_the_window_runs_once_and_then_answers_from_the_history() {
        Proposal proposal = restarted(DAY).propose("alice", CONVERSATION, "issue-create", payload("{\"title\":\"x\"}"));
        clock.advance(Duration.ofDays(3));

        ActionOutcome first = restarted(DAY).execute(click(proposal));
        clock.advance(Duration.ofDays(3));
        ActionOutcome again = restarted(DAY).execute(click(proposal));

        assertThat(first).isInstanceOf(ActionOutcome.Done.class);
        assertThat(again).isEqualTo(new ActionOutcome.AlreadyDone(proposal.id(), first));
        assertThat(upstream.createsReceived()).isEqualTo(1);
    }

    @Test
    void when_a_dropped_key_or_proposal_cannot_be_read_back_nothing_runs() {
        ActionService first = restarted(DAY);
        Proposal proposal = first.propose("alice", CONVERSATION, "issue-create", payload("{\"title\":\"p\"}"));
        first.execute(keyed("key-1", "x"));
        clock.advance(Duration.ofDays(3));
        ActionService later = restarted(DAY);
        history.unreadable = true;

        assertThat(later.execute(keyed("key-1", "x"))).isInstanceOf(ActionOutcome.NotRecorded.class);
        assertThat(later.execute(click(proposal))).isInstanceOf(ActionOutcome.NotRecorded.class);
        assertThat(upstream.createsReceived()).isEqualTo(1);
    }

    @Test
    void past_the_capacity_the_oldest_keys_are_dropped_in_a_running_service_and_still_run_once() {
        ActionService service = restarted(new LedgerRetention(Duration.ofDays(1), 10));
        for (int i = 0; i < 100; i++) {
            service.execute(keyed("key-" + i, "t" + i));
            clock.advance(Duration.ofSeconds(1));
        }

        for (int i = 0; i < 100; i++) {
            assertThat(service.execute(keyed("key-" + i, "t" + i))).isInstanceOf(ActionOutcome.AlreadyDone.class);
        }
        assertThat(upstream.createsReceived()).isEqualTo(100);
    }

    @Test
    void a_running_key_is_never_dropped() throws Exception {
        ActionService service = restarted(new LedgerRetention(Duration.ofMinutes(1), 2));
        upstream.hold();
        CompletableFuture<ActionOutcome> running = CompletableFuture.supplyAsync(() -> service.execute(keyed("key-held", "held")));
        assertThat(upstream.awaitEntered()).isTrue();
        clock.advance(Duration.ofHours(1));
        upstream.release();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            service.execute(keyed("key-" + i, "t" + i));
        }
        running.get();

        assertThat(service.execute(keyed("key-held", "held"))).isInstanceOf(ActionOutcome.AlreadyDone.class);
        assertThat(upstream.createsReceived()).isEqualTo(21);
    }

    @Test
    void a_key_never_seen_costs_no_history_read() {
        ActionService service = restarted(new LedgerRetention(Duration.ofDays(1), 10));
        for (int i = 0; i < 50; i++) {
            service.execute(keyed("old-" + i, "o" + i));
        }
        clock.advance(Duration.ofDays(3));
        ActionService later = restarted(new LedgerRetention(Duration.ofDays(1), 10));
        int before = history.keyedReads().get();

        for (int i = 0; i < 50; i++) {
            later.execute(keyed("new-" + i, "n" + i));
        }

        assertThat(history.keyedReads().get() - before).as("only a false positive of the filter reads").isLessThanOrEqualTo(1);
        assertThat(upstream.createsReceived()).isEqualTo(100);
    }

    @Test
    void an_unbounded_service_keeps_everything_and_never_reads_back() {
        ActionService service = new ActionService(policy, upstream, upstream, history, clock);
        service.execute(keyed("key-1", "x"));
        clock.advance(Duration.ofDays(30));

        assertThat(service.execute(keyed("key-1", "x"))).isInstanceOf(ActionOutcome.AlreadyDone.class);
        assertThat(history.keyedReads()).hasValue(0);
    }
}
