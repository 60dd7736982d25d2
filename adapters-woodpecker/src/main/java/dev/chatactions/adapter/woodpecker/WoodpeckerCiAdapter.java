package dev.chatactions.adapter.woodpecker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.upstream.AnswerFields;
import dev.chatactions.core.upstream.PlannedRequest;
import dev.chatactions.core.upstream.RetryPolicy;
import dev.chatactions.core.upstream.UpstreamAnswer;
import dev.chatactions.core.upstream.UpstreamCaller;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CiPort} over the Woodpecker REST API ({@code /api}), authenticated with
 * {@code WOODPECKER_TOKEN}. The idempotency key travels as the pipeline variable
 * {@value WoodpeckerRequests#KEY_VARIABLE}, which {@link #findTriggered} looks for.
 */
public final class WoodpeckerCiAdapter implements CiPort {

    /** Reconcile reads at most this many pages of the branch's manual pipelines. */
    private static final int MAX_PAGES = 5;
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final List<String> RECORDED_FIELDS = List.of("id", "number", "status", "branch", "event", "created");

    private final WoodpeckerApi api;
    private final WoodpeckerRequests requests;
    private final Long repoIdOverride;
    private final Map<RepoRef, Long> repoIds = new ConcurrentHashMap<>();

    /**
     * @param client shared by every request; must not follow redirects (see {@link #create(CiSettings, HttpTimeouts)})
     * @param mapper a lenient mapper (unknown properties ignored)
     */
    WoodpeckerCiAdapter(
            CiSettings settings, HttpTimeouts timeouts, HttpClient client, ObjectMapper mapper, RetryPolicy retryPolicy) {
        this.api = new WoodpeckerApi(client, mapper, timeouts, retryPolicy, settings.token());
        this.requests = new WoodpeckerRequests(settings.server());
        this.repoIdOverride = settings.repoIdOverride();
    }

    public static WoodpeckerCiAdapter create(CiSettings settings) {
        return create(settings, HttpTimeouts.DEFAULT);
    }

    /** With its own HTTP client (HTTP/1.1, no redirects) and a lenient mapper. */
    public static WoodpeckerCiAdapter create(CiSettings settings, HttpTimeouts timeouts) {
        return new WoodpeckerCiAdapter(settings, timeouts, WoodpeckerApi.newClient(timeouts), WoodpeckerApi.newMapper(),
                RetryPolicy.DEFAULT);
    }

    @Override
    public ActionResult triggerPipeline(CiRun run, String key) {
        long repoId = repoId(run.repo());
        PlannedRequest request = requests.createPipeline(Long.toString(repoId), run, key);
        UpstreamAnswer answer = api.send(request);
        if (answer.status() == 204) {
            throw new UpstreamException(nothingToRun(run, answer));
        }
        if (!answer.isSuccess()) {
            throw WoodpeckerApi.refused(request, answer,
                    "Woodpecker has no repository " + repoId + " for " + run.repo() + ", or the token's user lacks push access to it");
        }
        return result(repoId, answer.status(), api.json(request, answer));
    }

    /** 204: Woodpecker accepted the trigger but runs nothing; never "done". */
    private static Failure nothingToRun(CiRun run, UpstreamAnswer answer) {
        boolean filtered = answer.header("Pipeline-Filtered").map("true"::equalsIgnoreCase).orElse(false);
        String message = filtered
                ? "Woodpecker found nothing to run on branch \"" + run.branch() + "\" of " + run.repo()
                        + ": there is no pipeline config on that branch, or every workflow was filtered out"
                        + " (a workflow with when.event must list `manual` to run on a manual trigger)"
                : "Woodpecker could not fetch the pipeline config of branch \"" + run.branch() + "\" of " + run.repo()
                        + " from the forge (it recorded an errored pipeline): check that the branch exists"
                        + " and Woodpecker's access to the forge";
        return UpstreamCaller.failure(Failure.Kind.NOTHING_TO_RUN, answer.status(), true, message, "");
    }

    @Override
    public Optional<ActionResult> findTriggered(CiRun run, String key, Instant since) {
        long repoId = repoId(run.repo());
        long from = since.minus(CLOCK_SLACK).getEpochSecond();
        for (int page = 1; page <= MAX_PAGES; page++) {
            PlannedRequest request = requests.manualPipelines(repoId, run.branch(), page);
            UpstreamAnswer answer = api.send(request);
            if (!answer.isSuccess()) {
                throw WoodpeckerApi.refused(request, answer, "Woodpecker has no repository " + repoId + " for " + run.repo());
            }
            JsonNode pipelines = api.json(request, answer);
            boolean olderReached = false;
            for (JsonNode pipeline : pipelines) {
                if (key.equals(pipeline.path("variables").path(WoodpeckerRequests.KEY_VARIABLE).asText(null))) {
                    return Optional.of(result(repoId, answer.status(), pipeline));
                }
                olderReached |= pipeline.path("created").asLong(Long.MAX_VALUE) < from;
            }
            // Newest first: once a page reaches before `since`, later pages are older still.
            if (olderReached || pipelines.size() < WoodpeckerRequests.PAGE_SIZE) {
                break;
            }
        }
        return Optional.empty();
    }

    private long repoId(RepoRef repo) {
        if (repoIdOverride != null) {
            return repoIdOverride;
        }
        // Not computeIfAbsent: that would hold a map lock during an HTTP call.
        Long known = repoIds.get(repo);
        if (known != null) {
            return known;
        }
        long found = lookUp(repo);
        repoIds.put(repo, found);
        return found;
    }

    private long lookUp(RepoRef repo) {
        PlannedRequest request = requests.lookup(repo);
        UpstreamAnswer answer = api.send(request);
        if (!answer.isSuccess()) {
            throw WoodpeckerApi.refused(request, answer, "Woodpecker has no active repository " + repo
                    + ": activate it in Woodpecker (or set WOODPECKER_REPO_ID), or the token's user cannot see it");
        }
        JsonNode id = api.json(request, answer).path("id");
        if (!id.canConvertToLong() || id.asLong() <= 0) {
            throw new UpstreamException(UpstreamCaller.failure(Failure.Kind.REJECTED, answer.status(), true,
                    "Woodpecker's answer to " + request.describe() + " has no repository id", ""));
        }
        return id.asLong();
    }

    /** What the history keeps of a pipeline, with the UI link the API does not give. */
    private ActionResult result(long repoId, int status, JsonNode pipeline) {
        long number = pipeline.path("number").asLong();
        return new ActionResult("pipeline", pipeline.path("id").asLong(), number, requests.pipelinePage(repoId, number),
                pipeline.path("status").asText(""), AnswerFields.keep(status, api.fields(pipeline), RECORDED_FIELDS));
    }
}
