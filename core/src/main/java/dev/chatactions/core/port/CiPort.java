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
     * @throws UpstreamException when no pipeline was started (or the answer was lost)
     */
    ActionResult triggerPipeline(CiRun run, String key);

    /**
     * Reconcile: finds the pipeline an earlier attempt with {@code key} started on the run's branch
     * since {@code since}, if any.
     */
    Optional<ActionResult> findTriggered(CiRun run, String key, Instant since);
}
