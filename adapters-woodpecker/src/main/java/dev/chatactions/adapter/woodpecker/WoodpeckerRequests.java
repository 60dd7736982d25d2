package dev.chatactions.adapter.woodpecker;

import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.upstream.Endpoint;
import dev.chatactions.core.upstream.PlannedRequest;
import java.net.URI;
import java.util.Map;

/** The Woodpecker API requests (woodpecker-swagger.json, CONTRACTS.md), shared by the adapter and its dry run. */
final class WoodpeckerRequests {

    /** The pipeline variable that carries the idempotency key. */
    static final String KEY_VARIABLE = "CHAT_ACTION_KEY";
    static final int PAGE_SIZE = 50;

    private final URI server;
    private final URI api;

    /** @param server the server's root */
    WoodpeckerRequests(URI server) {
        this.api = Endpoint.apiRoot(server, "/api");
        this.server = Endpoint.apiRoot(server, "");
    }

    /** {@code owner/name} goes in raw, as the Go SDK sends it: the route is a wildcard. */
    PlannedRequest lookup(RepoRef repo) {
        return PlannedRequest.get(Endpoint.under(api).path("repos", "lookup", repo.owner(), repo.name()).uri());
    }

    /** @param repoId the repository id, or a placeholder such as {@code {repo_id}} in a dry run */
    PlannedRequest createPipeline(String repoId, CiRun run, String key) {
        Payload body = Payload.of(Map.of("branch", run.branch(), "variables", Map.of(KEY_VARIABLE, key)));
        return PlannedRequest.postJson(Endpoint.under(api).path("repos", repoId, "pipelines").uri(), body);
    }

    /** Manual pipelines on {@code branch}, newest first. */
    PlannedRequest manualPipelines(long repoId, String branch, int page) {
        return PlannedRequest.get(Endpoint.under(api).path("repos", Long.toString(repoId), "pipelines")
                .query("branch", branch).query("event", "manual")
                .query("page", page).query("perPage", PAGE_SIZE).uri());
    }

    /** The web UI's page of a pipeline; the API has no link field for it. */
    String pipelinePage(long repoId, long number) {
        return server + "/repos/" + repoId + "/pipeline/" + number;
    }
}
