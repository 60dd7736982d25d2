package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyCiPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.ReplayPlan.Step;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static int clock;

    private static ActionLine line(String user, String key, ActionStatus status) {
        Failure failure = status == ActionStatus.FAILED || status == ActionStatus.UNKNOWN
                ? Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "down") : null;
        return new ActionLine(Instant.parse("2026-11-23T20:00:00Z").plusSeconds(clock++), user, null, "ci-run", key,
                null, anyCiPayload(), status, status == ActionStatus.DENIED ? List.of("no") : List.of(), null, failure, null);
    }

    @Test
    void the_latest_line_of_each_key_decides_and_done_anywhere_wins() {
        ActionLine doneStart = line("alice", "a", ActionStatus.STARTED);
        ActionLine doneEnd = line("alice", "a", ActionStatus.DONE);
        ActionLine failed = line("alice", "b", ActionStatus.FAILED);
        ActionLine unknown = line("alice", "c", ActionStatus.UNKNOWN);
        ActionLine crashed = line("alice", "d", ActionStatus.STARTED);
        ActionLine denied = line("alice", "e", ActionStatus.DENIED);
        ActionLine replayedDone = line("alice", "b", ActionStatus.STARTED);

        ReplayPlan plan = ReplayPlan.of(
                Stream.of(doneStart, doneEnd, failed, unknown, crashed, denied), item -> true);

        assertThat(plan.items()).extracting(ReplayPlan.Item::step).containsExactly(
                Step.SKIP_DONE, Step.RUN_FAILED, Step.RECONCILE_UNKNOWN, Step.RECONCILE_UNKNOWN, Step.SKIP_DENIED);
        assertThat(plan.items().get(0).line()).isEqualTo(doneEnd);

        ReplayPlan afterReplay = ReplayPlan.of(Stream.of(failed, replayedDone, line("alice", "b", ActionStatus.DONE)), i -> true);
        assertThat(afterReplay.items()).extracting(ReplayPlan.Item::step).containsExactly(Step.SKIP_DONE);
    }

    @Test
    void keys_of_different_users_are_different_attempts_and_filters_apply_after_grouping() {
        ReplayPlan plan = ReplayPlan.of(Stream.of(
                line("alice", "k", ActionStatus.DONE),
                line("bob", "k", ActionStatus.FAILED)), item -> item.step().runs());

        assertThat(plan.items()).singleElement().satisfies(item -> {
            assertThat(item.line().user()).isEqualTo("bob");
            assertThat(item.step().describe()).isEqualTo("run again (failed)");
        });
        assertThat(plan.count(Step.RUN_FAILED)).isEqualTo(1);
    }
}
