package dev.chatactions.core.service;

import dev.chatactions.core.port.HistoryRecord.ActionLine;

/** Run a recorded attempt again, as {@link ReplayPlan} planned it: never twice upstream. */
public interface ReplayActionUseCase {

    /**
     * Runs a recorded attempt again (CLI replay): re-checks the policy as it is today, reconciles an
     * unknown outcome through the upstream's lookup first, and records new lines with
     * {@code replay_of} set to the original line's timestamp. Done and denied lines are not run.
     *
     * @param original the attempt's latest line
     * @return what became of it now
     */
    ActionOutcome replay(ActionLine original);
}
