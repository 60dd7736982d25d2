package dev.chatactions.adapter.woodpecker;

import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import java.time.Instant;
import java.util.Optional;

/** The CI server's port as an application wires it: live, or a dry run that sends nothing. */
public final class WoodpeckerPorts {

    /** Why a live deployment without a CI server runs no pipeline. */
    public static final String NO_CI_SERVER = "no CI server is configured (set WOODPECKER_SERVER and WOODPECKER_TOKEN)";

    private WoodpeckerPorts() {
    }

    /**
     * The port that starts pipelines on the CI server. Without one it refuses every call as
     * {@link Failure.Kind#UNAVAILABLE}, so that a pipeline nobody can run is never shown as started
     * (the policy switches {@code ci-run} off there too: see {@code PolicySettings.forDeployment}).
     *
     * @param ci the CI server and its token; empty when none is configured
     * @return the live port
     */
    public static CiPort live(Optional<CiSettings> ci) {
        return ci.<CiPort>map(WoodpeckerCiAdapter::create).orElseGet(NoCiServer::new);
    }

    /**
     * The port that sends nothing and answers with the request the live one would send.
     *
     * @param ci the CI server, shown in the requests (and its repository id); empty for
     *     {@link WoodpeckerDryRunCi#PLACEHOLDER_SERVER}
     * @return the dry-run port
     */
    public static CiPort dryRun(Optional<CiSettings> ci) {
        return new WoodpeckerDryRunCi(ci.map(CiSettings::server).orElse(null), ci.map(CiSettings::repoIdOverride).orElse(null));
    }

    /** Live without a CI server: nothing can be started, nor looked for. */
    private static final class NoCiServer implements CiPort {
        @Override
        public ActionResult triggerPipeline(CiRun run, String key) {
            throw refused();
        }

        @Override
        public Optional<ActionResult> findTriggered(CiRun run, String key, Instant since) {
            throw refused();
        }

        private static UpstreamException refused() {
            return new UpstreamException(Failure.of(Failure.Kind.UNAVAILABLE, 0, false, NO_CI_SERVER));
        }
    }
}
