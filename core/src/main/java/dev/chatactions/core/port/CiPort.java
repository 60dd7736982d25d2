package dev.chatactions.core.port;

import dev.chatactions.core.action.CiRun;
import java.time.Instant;
import java.util.Optional;

/** The CI server: runs pipelines. */
public interface CiPort {

    /**
     * Triggers a manual pipeline. The key travels with the pipeline (as a variable) so that an
     * attempt whose answer was lost can be found again.
     *
     * @param run the pipeline to start
     * @param key the idempotency key of this attempt
     * @return the pipeline started
     * @throws UpstreamException when no pipeline was started (or the answer was lost)
     */
    ActionResult triggerPipeline(CiRun run, String key);

    /**
     * Reconcile: finds the pipeline an earlier attempt with {@code key} started on the run's branch
     * since {@code since}, if any.
     *
     * @param run the pipeline that was asked for
     * @param key the idempotency key of the earlier attempt
     * @param since when to look from (the attempt's start, less a margin)
     * @return the pipeline it started, or empty when it started none
     * @throws UpstreamException when the CI server cannot be asked
     */
    Optional<ActionResult> findTriggered(CiRun run, String key, Instant since);
}
