package dev.chatactions.core.testing;

import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import java.time.Instant;
import java.util.Optional;

/**
 * What every {@link CiPort} promises: the promises of {@link UpstreamPortContract} for pipelines.
 * Extend it with the port and a stand-in for its CI server.
 */
public abstract class CiPortContract extends UpstreamPortContract {

    protected static final CiRun RUN = new CiRun(REPO, "main");

    protected abstract CiPort ci();

    @Override
    protected final ActionResult create(String key) {
        return ci().triggerPipeline(RUN, key);
    }

    @Override
    protected final Optional<ActionResult> find(String key, Instant since) {
        return ci().findTriggered(RUN, key, since);
    }

    @Override
    protected final String createdKind() {
        return "pipeline";
    }
}
