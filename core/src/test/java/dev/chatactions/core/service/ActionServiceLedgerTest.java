package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service keeps its keys and proposals where it is given, and calls no upstream when the ledger is out of reach. */
class ActionServiceLedgerTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final InMemoryHistory history = new InMemoryHistory();
    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final ActionPolicy policy = new ActionPolicy(anyPolicySettings());

    private static ExecuteActionCommand command(String key) {
        return new ExecuteActionCommand("alice", "0123456789ab", "issue-create", payload("{\"title\":\"x\"}"), key, null);
    }

    /** A ledger whose store is down. */
    private static final class UnreachableLedger implements KeyLedger {
        private static HistoryException down() {
            return new HistoryException("key ledger store is down (test)");
        }

        @Override
        public Optional<KeyState> claim(LedgerKey key, KeyState.Running running) {
            throw down();
        }

        @Override
        public boolean reclaim(LedgerKey key, KeyState.Settled expected, KeyState.Running running) {
            throw down();
        }

        @Override
        public void settle(LedgerKey key, KeyState.Settled settled) {
            throw down();
        }

        @Override
        public void release(LedgerKey key, KeyState.Running running) {
            throw down();
        }

        @Override
        public Optional<KeyState> find(LedgerKey key) {
            throw down();
        }

        @Override
        public void remember(ActionLine line) {
            // a store that is itself the truth
        }
    }

    @Test
    void restoring_feeds_the_given_ledger_and_registry() {
        ActionService first = new ActionService(policy, upstream, upstream, history, clock);
        Proposal proposed = first.propose("alice", "0123456789ab", "issue-create", payload("{\"title\":\"x\"}"));
        first.execute(command("key-1"));
        InMemoryKeyLedger ledger = new InMemoryKeyLedger();
        InMemoryProposals proposals = new InMemoryProposals();

        ActionService.restore(policy, upstream, upstream, history, clock, ledger, proposals);

        assertThat(proposals.find("alice", proposed.id())).contains(proposed);
        assertThat(ledger.find(new LedgerKey("alice", "key-1"))).get()
                .isInstanceOfSatisfying(KeyState.Settled.class, settled ->
                        assertThat(settled.outcome()).isInstanceOf(ActionOutcome.Done.class));
    }

    @Test
    void a_request_while_the_ledger_is_unreachable_is_not_started() {
        ActionService service = new ActionService(policy, upstream, upstream, history, clock,
                new UnreachableLedger(), new InMemoryProposals());

        ActionOutcome outcome = service.execute(command("key-1"));

        assertThat(outcome).isEqualTo(new ActionOutcome.NotRecorded("key-1", null,
                "not started, the key ledger could not be reached: key ledger store is down (test)"));
        assertThat(upstream.calls()).isEmpty();
        assertThat(history.records(ActionLine.class)).isEmpty();
    }

    @Test
    void a_replay_while_the_ledger_is_unreachable_is_not_started() {
        ActionLine failed = new ActionLine(clock.instant(), "alice", "0123456789ab", "issue-create", "key-1", null,
                payload("{\"title\":\"x\"}"), ActionStatus.FAILED, null, null,
                Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "down"), null);
        ActionService service = new ActionService(policy, upstream, upstream, history, clock,
                new UnreachableLedger(), new InMemoryProposals());

        assertThat(service.replay(failed)).isInstanceOf(ActionOutcome.NotRecorded.class);
        assertThat(upstream.calls()).isEmpty();
    }
}
