package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.GatedHistory;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service restoring in the background refuses what the history might refuse until it is done, then answers as usual. */
class ActionServiceBackgroundRestoreTest {

    private static final LedgerRetention DAY = LedgerRetention.of(Duration.ofDays(1));

    private final FakeUpstream upstream = new FakeUpstream();
    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");
    private final ActionPolicy policy = new ActionPolicy(anyPolicySettings());
    private final ExecutorService restorer = Executors.newSingleThreadExecutor();

    private final InMemoryHistory stored = new InMemoryHistory();
    private final GatedHistory history = new GatedHistory(stored);

    @AfterEach
    void stop() {
        history.open();
        restorer.shutdownNow();
    }

    private static ExecuteActionCommand keyed(String key) {
        return new ExecuteActionCommand("alice", "0123456789ab", "issue-create", payload("{\"title\":\"x\"}"), key, null);
    }

    @Test
    void a_request_during_the_restore_is_refused_without_running_and_after_it_gets_the_recorded_outcome() {
        ActionOutcome first = new ActionService(policy, upstream, upstream, history, clock).execute(keyed("key-1"));
        ActionService restoring = ActionService.restoreInBackground(policy, upstream, upstream, history, clock, DAY,
                restorer, Duration.ofMillis(50));

        assertThat(restoring.isRestored()).isFalse();
        assertThatThrownBy(() -> restoring.execute(keyed("key-1")))
                .isInstanceOf(ServiceStarting.class).hasMessageContaining("starting");
        assertThatThrownBy(() -> restoring.outcome("alice", "key-1")).isInstanceOf(ServiceStarting.class);
        assertThat(upstream.createsReceived()).isEqualTo(1);
        assertThat(stored.records(ActionLine.class)).hasSize(2);

        history.open();
        assertThat(restoring.execute(keyed("key-1"))).isEqualTo(new ActionOutcome.AlreadyDone("key-1", first));
        assertThat(restoring.isRestored()).isTrue();
        assertThat(upstream.createsReceived()).isEqualTo(1);
    }

    @Test
    void a_request_within_the_patience_waits_for_the_restore() throws Exception {
        ActionService restoring = ActionService.restoreInBackground(policy, upstream, upstream, history, clock, DAY,
                restorer, Duration.ofSeconds(30));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(200); // the request below is waiting by then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            history.open();
        });
        releaser.start();

        assertThat(restoring.execute(keyed("key-2"))).isInstanceOf(ActionOutcome.Done.class);
        releaser.join();
    }

    @Test
    void a_restore_that_fails_refuses_every_request_with_the_reason() {
        history.failWith(new HistoryException("history not read (test)"));
        history.open();
        ActionService broken = ActionService.restoreInBackground(policy, upstream, upstream, history, clock, DAY,
                restorer, Duration.ofSeconds(30));

        assertThatThrownBy(() -> broken.execute(keyed("key-3"))).isInstanceOf(ServiceStarting.class)
                .hasMessage("the action history could not be read at start-up: history not read (test)");
        assertThat(broken.isRestored()).isFalse();
        assertThat(upstream.calls()).isEmpty();
    }
}
