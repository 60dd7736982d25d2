package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyLedger} promises and {@code ActionService} relies on: a key is claimed by one
 * caller only, even by many threads at once; keys are scoped per user; a settled key is taken again
 * only while it is exactly as the replay saw it; a released claim leaves the key free. Extend it with
 * a fresh, empty ledger per test; a ledger rebuilt from the history also runs {@link RestoredKeyLedgerContract}.
 */
public abstract class KeyLedgerContract {

    protected static final LedgerKey KEY = new LedgerKey("alice", "key-1");
    protected static final String DIGEST = "d".repeat(64);
    protected static final Instant STARTED = Instant.parse("2026-11-23T20:00:00Z");

    private static final KeyState.Running RUNNING = new KeyState.Running(DIGEST, STARTED);
    private static final ActionOutcome DONE = new ActionOutcome.Done("key-1",
            new ActionResult("issue", 1007, 7, "http://forge.test/factory/app/issue/7", "open",
                    new UpstreamResponse(201, Payload.of(Map.of("number", 7)))));
    private static final ActionOutcome FAILED = new ActionOutcome.Failed("key-1",
            Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "forge down"));

    /** The ledger under test; the same instance for the whole test, empty at its start. */
    public abstract KeyLedger ledger();

    @Test
    void an_unknown_key_has_no_state() {
        assertThat(ledger().find(KEY)).isEmpty();
    }

    @Test
    void the_first_claim_owns_the_key_and_a_second_sees_it_running() {
        assertThat(ledger().claim(KEY, RUNNING)).isEmpty();

        KeyState.Running later = new KeyState.Running("e".repeat(64), STARTED.plusSeconds(1));
        assertThat(ledger().claim(KEY, later)).contains(RUNNING);
        assertThat(ledger().find(KEY)).contains(RUNNING);
    }

    @Test
    void a_settled_key_keeps_its_outcome_and_refuses_a_new_claim() {
        ledger().claim(KEY, RUNNING);
        ledger().settle(KEY, RUNNING.settled(DONE));

        assertThat(ledger().find(KEY)).contains(new KeyState.Settled(DIGEST, STARTED, DONE));
        assertThat(ledger().claim(KEY, new KeyState.Running(DIGEST, STARTED.plusSeconds(5))))
                .contains(new KeyState.Settled(DIGEST, STARTED, DONE));
    }

    @Test
    void one_users_key_never_answers_for_another() {
        ledger().claim(KEY, RUNNING);
        LedgerKey bobs = new LedgerKey("bob", KEY.key());

        assertThat(ledger().find(bobs)).isEmpty();
        assertThat(ledger().claim(bobs, RUNNING)).isEmpty();
    }

    @Test
    void a_released_claim_leaves_the_key_free() {
        ledger().claim(KEY, RUNNING);
        ledger().release(KEY, RUNNING);

        assertThat(ledger().find(KEY)).isEmpty();
        assertThat(ledger().claim(KEY, RUNNING)).isEmpty();
    }

    @Test
    void release_gives_back_only_the_claim_it_names() {
        ledger().claim(KEY, RUNNING);
        ledger().release(KEY, new KeyState.Running(DIGEST, STARTED.plusSeconds(1)));
        assertThat(ledger().find(KEY)).contains(RUNNING);

        ledger().settle(KEY, RUNNING.settled(DONE));
        ledger().release(KEY, RUNNING);
        assertThat(ledger().find(KEY)).contains(RUNNING.settled(DONE));
    }

    @Test
    void a_replay_takes_a_settled_key_that_is_as_it_saw_it() {
        ledger().claim(KEY, RUNNING);
        KeyState.Settled failed = RUNNING.settled(FAILED);
        ledger().settle(KEY, failed);
        KeyState.Running replay = new KeyState.Running(DIGEST, STARTED.plusSeconds(60));

        assertThat(ledger().reclaim(KEY, failed, replay)).isTrue();
        assertThat(ledger().find(KEY)).contains(replay);
    }

    @Test
    void a_replay_takes_nothing_that_changed_since_it_looked() {
        KeyState.Settled seen = RUNNING.settled(FAILED);
        KeyState.Running replay = new KeyState.Running(DIGEST, STARTED.plusSeconds(60));
        assertThat(ledger().reclaim(KEY, seen, replay)).as("never claimed").isFalse();
        assertThat(ledger().find(KEY)).isEmpty();

        ledger().claim(KEY, RUNNING);
        assertThat(ledger().reclaim(KEY, seen, replay)).as("running again").isFalse();
        ledger().settle(KEY, RUNNING.settled(DONE));
        assertThat(ledger().reclaim(KEY, seen, replay)).as("settled otherwise").isFalse();
        assertThat(ledger().find(KEY)).contains(RUNNING.settled(DONE));
    }

    @Test
    void many_threads_claiming_one_key_leave_exactly_one_owner() throws Exception {
        AtomicInteger claimant = new AtomicInteger();
        List<Optional<KeyState>> answers = Concurrently.run(16,
                () -> ledger().claim(KEY, new KeyState.Running(DIGEST, STARTED.plusSeconds(claimant.incrementAndGet()))));

        assertThat(answers.stream().filter(Optional::isEmpty)).hasSize(1);
        KeyState owner = ledger().find(KEY).orElseThrow();
        assertThat(answers.stream().flatMap(Optional::stream)).hasSize(15).containsOnly(owner);
    }

    @Test
    void many_replays_of_one_settled_key_leave_exactly_one_owner() throws Exception {
        ledger().claim(KEY, RUNNING);
        KeyState.Settled failed = RUNNING.settled(FAILED);
        ledger().settle(KEY, failed);

        List<Boolean> taken = Concurrently.run(16,
                () -> ledger().reclaim(KEY, failed, new KeyState.Running(DIGEST, STARTED.plusSeconds(60))));

        assertThat(taken.stream().filter(Boolean::booleanValue)).hasSize(1);
        assertThat(ledger().find(KEY)).containsInstanceOf(KeyState.Running.class);
    }
}
