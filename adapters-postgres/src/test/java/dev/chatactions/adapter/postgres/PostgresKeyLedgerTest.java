package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the database ledger adds to the contract: instances share it, and a dead instance's runs become unknown. */
class PostgresKeyLedgerTest {

    private static final LedgerKey KEY = new LedgerKey("alice", "key-1");
    private static final KeyState.Running RUNNING = new KeyState.Running("d".repeat(64), Instant.parse("2026-11-23T20:00:00.123456789Z"));
    private static final Duration LEASE = Duration.ofMillis(900);

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void a_claim_on_one_instance_is_seen_at_once_on_another_and_only_one_of_many_owns_the_key() throws Exception {
        try (PostgresStore first = database.openStore(); PostgresStore second = database.openStore()) {
            List<PostgresKeyLedger> ledgers = List.of(first.keyLedger(LEASE), second.keyLedger(LEASE));
            int claimants = 40;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(claimants);
            List<Future<Optional<KeyState>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < claimants; i++) {
                    PostgresKeyLedger ledger = ledgers.get(i % 2);
                    KeyState.Running mine = new KeyState.Running(RUNNING.requestDigest(), RUNNING.startedAt().plusMillis(i));
                    answers.add(threads.submit((Callable<Optional<KeyState>>) () -> {
                        start.await();
                        return ledger.claim(KEY, mine);
                    }));
                }
                start.countDown();
                long owners = 0;
                for (Future<Optional<KeyState>> answer : answers) {
                    owners += answer.get().isEmpty() ? 1 : 0;
                }
                assertThat(owners).isEqualTo(1);
            } finally {
                threads.shutdownNow();
            }
            assertThat(ledgers.get(0).find(KEY)).isEqualTo(ledgers.get(1).find(KEY)).containsInstanceOf(KeyState.Running.class);
        }
    }

    @Test
    void a_running_key_stays_running_while_its_instance_lives_and_becomes_unknown_when_it_dies() throws Exception {
        try (PostgresStore survivor = database.openStore()) {
            PostgresKeyLedger others = survivor.keyLedger(LEASE);
            PostgresStore dying = database.openStore();
            PostgresKeyLedger dyingLedger = dying.keyLedger(LEASE);
            assertThat(dyingLedger.claim(KEY, RUNNING)).isEmpty();

            Thread.sleep(3 * LEASE.toMillis()); // the heartbeat keeps it
            assertThat(others.find(KEY)).contains(RUNNING);
            assertThat(others.claim(KEY, RUNNING)).contains(RUNNING);

            dying.close(); // mid-run: no settle, no heartbeat
            Thread.sleep(2 * LEASE.toMillis());

            KeyState.Settled unknown = (KeyState.Settled) others.find(KEY).orElseThrow();
            assertThat(unknown.requestDigest()).isEqualTo(RUNNING.requestDigest());
            assertThat(unknown.startedAt()).isEqualTo(RUNNING.startedAt());
            assertThat(unknown.outcome()).isInstanceOfSatisfying(ActionOutcome.Unknown.class,
                    outcome -> assertThat(outcome.failure().kind()).isEqualTo(Failure.Kind.ANSWER_LOST));
            assertThat(others.claim(KEY, RUNNING)).contains(unknown);

            KeyState.Running replay = new KeyState.Running(RUNNING.requestDigest(), RUNNING.startedAt().plusSeconds(60));
            assertThat(others.reclaim(KEY, unknown, replay)).as("a replay takes the unknown key").isTrue();
            assertThat(others.find(KEY)).contains(replay);
        }
    }

    @Test
    void a_lost_database_is_a_history_exception_and_the_ledger_works_again_when_it_is_back() {
        try (PostgresStore store = database.openStore()) {
            PostgresKeyLedger ledger = store.keyLedger(LEASE);
            database.server().stop();
            try {
                assertThatThrownBy(() -> ledger.claim(KEY, RUNNING)).isInstanceOf(HistoryException.class)
                        .hasMessageStartingWith("key not claimed (PostgreSQL)")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PostgresServer.PASSWORD));
                assertThatThrownBy(() -> ledger.find(KEY)).isInstanceOf(HistoryException.class);
            } finally {
                database.server().start();
            }
            assertThat(ledger.claim(KEY, RUNNING)).isEmpty();
        }
    }

    @Test
    void a_claim_given_back_while_the_database_is_lost_is_given_back_once_it_is_there_again() throws InterruptedException {
        try (PostgresStore store = database.openStore()) {
            PostgresKeyLedger ledger = store.keyLedger(LEASE);
            ledger.claim(KEY, RUNNING);
            database.server().stop();
            try {
                assertThatThrownBy(() -> ledger.release(KEY, RUNNING)).isInstanceOf(HistoryException.class);
            } finally {
                database.server().start();
            }
            boolean released = false;
            for (int beats = 0; !released && beats < 60; beats++) {
                Thread.sleep(LEASE.toMillis() / 3);
                try {
                    released = ledger.find(KEY).isEmpty();
                } catch (HistoryException stillReconnecting) {
                    // the pool reconnects by itself
                }
            }
            assertThat(released).as("released by the heartbeat").isTrue();
        }
    }
}
