package dev.chatactions.core.testing;

import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import java.time.Instant;
import java.util.Optional;

/**
 * Binds the upstream contracts to a {@link CiPort}: its usual object is a pipeline. A live CI's test
 * implements this and {@link LiveUpstreamPortContract}; a dry run's this and
 * {@link DryRunUpstreamPortContract}.
 */
public interface CiPortContract extends UpstreamPortContract {

    CiRun RUN = new CiRun(REPO, "main");

    CiPort ci();

    @Override
    default ActionResult create(String key) {
        return ci().triggerPipeline(RUN, key);
    }

    @Override
    default Optional<ActionResult> find(String key, Instant since) {
        return ci().findTriggered(RUN, key, since);
    }

    @Override
    default String createdKind() {
        return "pipeline";
    }
}
