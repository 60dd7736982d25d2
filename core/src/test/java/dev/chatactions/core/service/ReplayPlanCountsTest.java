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

/** The per-step counts the CLI prints above a replay plan. */
class ReplayPlanCountsTest {

    private static ActionLine line(String key, ActionStatus status) {
        return new ActionLine(Instant.parse("2026-11-23T20:00:00Z"), "alice", null, "ci-run", key, null, anyCiPayload(),
                status, status == ActionStatus.DENIED ? List.of("no") : List.of(), null,
                status == ActionStatus.FAILED ? Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "down") : null, null);
    }

    @Test
    void each_step_counts_only_its_own_items() {
        ReplayPlan plan = ReplayPlan.of(Stream.of(
                line("a", ActionStatus.FAILED), line("b", ActionStatus.FAILED), line("c", ActionStatus.STARTED),
                line("d", ActionStatus.DONE), line("e", ActionStatus.DENIED), line("f", ActionStatus.DENIED),
                line("g", ActionStatus.DENIED)), item -> true);

        assertThat(plan.count(Step.RUN_FAILED)).isEqualTo(2);
        assertThat(plan.count(Step.RECONCILE_UNKNOWN)).isEqualTo(1);
        assertThat(plan.count(Step.SKIP_DONE)).isEqualTo(1);
        assertThat(plan.count(Step.SKIP_DENIED)).isEqualTo(3);
    }
}
