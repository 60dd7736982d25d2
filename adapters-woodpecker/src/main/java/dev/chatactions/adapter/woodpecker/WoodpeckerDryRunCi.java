package dev.chatactions.adapter.woodpecker;

import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CiPort} that sends nothing: it builds the request {@link WoodpeckerCiAdapter} would send
 * and returns it as a {@code dry-run} result. Without a configured repository id the path shows
 * {@code {repo_id}}, since looking it up would need the server.
 */
public final class WoodpeckerDryRunCi implements CiPort {

    /** Shown when no server is configured; never contacted. */
    public static final URI PLACEHOLDER_SERVER = URI.create("https://ci.example");

    private final WoodpeckerRequests requests;
    private final Long repoId;

    /**
     * @param server the server's root for display, or null for {@link #PLACEHOLDER_SERVER}
     * @param repoId {@code WOODPECKER_REPO_ID} when configured, else null
     */
    public WoodpeckerDryRunCi(URI server, Long repoId) {
        this.requests = new WoodpeckerRequests(server == null ? PLACEHOLDER_SERVER : server);
        this.repoId = repoId;
    }

    @Override
    public ActionResult triggerPipeline(CiRun run, String key) {
        String id = repoId == null ? "{repo_id}" : repoId.toString();
        Map<String, Object> notes = repoId == null ? Map.of("repo_id_unresolved", run.repo().fullName()) : Map.of();
        return requests.createPipeline(id, run, key).dryRunResult("pipeline", notes);
    }

    /** A dry run starts nothing, so there is nothing to find. */
    @Override
    public Optional<ActionResult> findTriggered(CiRun run, String key, Instant since) {
        return Optional.empty();
    }
}
