package dev.chatactions.adapter.forgejo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.upstream.AnswerFields;
import dev.chatactions.core.upstream.PlannedRequest;
import dev.chatactions.core.upstream.RetryPolicy;
import dev.chatactions.core.upstream.UpstreamAnswer;
import dev.chatactions.core.upstream.UpstreamCaller;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link IssueTrackerPort} over the Forgejo REST API ({@code /api/v1}), authenticated with
 * {@code FORGE_TOKEN}. Label names are resolved to ids before anything is created; the idempotency
 * key is written at the end of every body it creates, which {@link #findCreated} looks for.
 */
public final class ForgejoIssueTrackerAdapter implements IssueTrackerPort {

    /** Reconcile looks this much further back, for clock differences between us and the forge. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);
    private static final List<String> RECORDED_FIELDS = List.of("id", "number", "html_url", "state", "title", "created_at");

    private final ForgejoApi api;
    private final ForgejoRequests requests;
    private final ForgejoLabels labels;

    /**
     * @param client shared by every request; must not follow redirects (see {@link #create(ForgeSettings, HttpTimeouts)})
     * @param mapper a lenient mapper (unknown properties ignored)
     * @param clock for the label cache
     */
    ForgejoIssueTrackerAdapter(
            ForgeSettings settings, HttpTimeouts timeouts, HttpClient client, ObjectMapper mapper,
            RetryPolicy retryPolicy, Clock clock) {
        this.api = new ForgejoApi(client, mapper, timeouts, retryPolicy, "token", settings.token());
        this.requests = new ForgejoRequests(settings.url());
        this.labels = new ForgejoLabels(api, requests, clock);
    }

    /** With default timeouts. */
    public static ForgejoIssueTrackerAdapter create(ForgeSettings settings) {
        return create(settings, HttpTimeouts.DEFAULT);
    }

    /** With its own HTTP client (HTTP/1.1, no redirects) and a lenient mapper. */
    public static ForgejoIssueTrackerAdapter create(ForgeSettings settings, HttpTimeouts timeouts) {
        return new ForgejoIssueTrackerAdapter(settings, timeouts, ForgejoApi.newClient(timeouts),
                ForgejoApi.newMapper(), RetryPolicy.DEFAULT, Clock.systemUTC());
    }

    @Override
    public ActionResult createIssue(IssueCreate issue, String key) {
        List<Long> labelIds = labels.resolve(issue.repo(), issue.labels());
        PlannedRequest request = requests.createIssue(issue, key, labelIds);
        UpstreamAnswer answer = api.send(request);
        if (answer.status() == 404) {
            throw ForgejoApi.failed(Failure.Kind.REJECTED, answer,
                    "Forgejo has no repository " + issue.repo() + " (404), or the token's user cannot see it",
                    api.upstreamMessage(answer));
        }
        if (!answer.isSuccess()) {
            throw api.refused(request, answer, "write:issue");
        }
        return result("issue", answer.status(), api.json(request, answer));
    }

    @Override
    public ActionResult createPullRequest(PrCreate pr, String key) {
        PlannedRequest request = requests.createPullRequest(pr, key);
        UpstreamAnswer answer = api.send(request);
        String upstream = api.upstreamMessage(answer);
        switch (answer.status()) {
            case 409 -> throw alreadyExists(pr, answer, upstream);
            case 404 -> throw ForgejoApi.failed(Failure.Kind.REJECTED, answer,
                    "Forgejo found no branch \"" + pr.head() + "\" or \"" + pr.base() + "\" in " + pr.repo()
                            + " (404), or the token's user cannot read the repository", upstream);
            case 422 -> throw ForgejoApi.failed(Failure.Kind.REJECTED, answer,
                    "Forgejo refused the pull request from \"" + pr.head() + "\" into \"" + pr.base()
                            + "\" (422): the branches must differ and have changes between them"
                            + (upstream.isEmpty() ? "" : " (Forgejo said: " + upstream + ")"), upstream);
            default -> {
                if (!answer.isSuccess()) {
                    throw api.refused(request, answer, "write:repository");
                }
            }
        }
        return result("pull", answer.status(), api.json(request, answer));
    }

    /** A 409 is not hidden: the failure carries the open pull request that already exists. */
    private UpstreamException alreadyExists(PrCreate pr, UpstreamAnswer conflict, String upstream) {
        ActionResult existing = existingPullRequest(pr).orElse(null);
        String message = "an open pull request from \"" + pr.head() + "\" into \"" + pr.base() + "\" already exists"
                + (existing == null ? " (Forgejo said: " + upstream + ")" : ": #" + existing.number() + " " + existing.url());
        Failure failure = new Failure(Failure.Kind.ALREADY_EXISTS, conflict.status(), true, message, List.of(), existing,
                UpstreamCaller.recorded(conflict.status(), upstream));
        return new UpstreamException(failure);
    }

    /** The open pull request for the same branches; empty when it cannot be fetched (the 409 still stands). */
    private Optional<ActionResult> existingPullRequest(PrCreate pr) {
        PlannedRequest lookup = requests.pullRequestByBaseAndHead(pr.repo(), pr.base(), pr.head());
        try {
            UpstreamAnswer answer = api.send(lookup);
            return answer.isSuccess() ? Optional.of(result("pull", answer.status(), api.json(lookup, answer))) : Optional.empty();
        } catch (UpstreamException lookupFailed) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ActionResult> findCreated(Action action, String key, Instant since) {
        String type;
        String kind;
        if (action instanceof IssueCreate) {
            type = "issues";
            kind = "issue";
        } else if (action instanceof PrCreate) {
            type = "pulls";
            kind = "pull";
        } else {
            throw new IllegalArgumentException("Forgejo creates issues and pull requests, not " + action.type());
        }
        String marker = ForgejoRequests.keyMarker(key);
        Instant from = since.minus(CLOCK_SLACK);
        return api.readAllPages(page -> requests.updatedSince(action.repo(), type, from, page), "read:issue", false)
                .stream()
                .filter(item -> item.path("body").asText("").strip().endsWith(marker))
                .findFirst()
                .map(item -> result(kind, 200, item));
    }

    /** What the history keeps of an issue or pull request: its identity, link and state. */
    private ActionResult result(String kind, int status, JsonNode json) {
        return new ActionResult(kind, json.path("id").asLong(), json.path("number").asLong(),
                json.path("html_url").asText(""), json.path("state").asText(""),
                AnswerFields.keep(status, api.fields(json), RECORDED_FIELDS));
    }
}
