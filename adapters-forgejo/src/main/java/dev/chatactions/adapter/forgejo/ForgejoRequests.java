package dev.chatactions.adapter.forgejo;

import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.service.IdempotencyKey;
import dev.chatactions.core.upstream.Endpoint;
import dev.chatactions.core.upstream.PlannedRequest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Forgejo API requests, built in one place for the adapter and its dry run (paths and bodies
 * as in forgejo-swagger.v1.json and CONTRACTS.md).
 */
final class ForgejoRequests {

    private final URI api;

    /** @param forgeUrl the forge's root */
    ForgejoRequests(URI forgeUrl) {
        this.api = Endpoint.apiRoot(forgeUrl, "/api/v1");
    }

    PlannedRequest repoLabels(RepoRef repo, int page) {
        return PlannedRequest.get(Endpoint.under(api).path("repos", repo.owner(), repo.name(), "labels")
                .query("page", page).query("limit", ForgejoApi.PAGE_SIZE).uri());
    }

    PlannedRequest orgLabels(String org, int page) {
        return PlannedRequest.get(Endpoint.under(api).path("orgs", org, "labels")
                .query("page", page).query("limit", ForgejoApi.PAGE_SIZE).uri());
    }

    /** @param labels label ids (numbers) for the real request; names only in a dry run */
    PlannedRequest createIssue(IssueCreate issue, String key, List<?> labels) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", issue.title());
        body.put("body", bodyWithKey(issue.body(), key));
        if (!labels.isEmpty()) {
            body.put("labels", labels);
        }
        return PlannedRequest.postJson(
                Endpoint.under(api).path("repos", issue.repo().owner(), issue.repo().name(), "issues").uri(),
                Payload.of(body));
    }

    PlannedRequest createPullRequest(PrCreate pr, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", pr.head());
        body.put("base", pr.base());
        body.put("title", pr.title());
        body.put("body", bodyWithKey(pr.body(), key));
        return PlannedRequest.postJson(
                Endpoint.under(api).path("repos", pr.repo().owner(), pr.repo().name(), "pulls").uri(),
                Payload.of(body));
    }

    PlannedRequest pullRequestByBaseAndHead(RepoRef repo, String base, String head) {
        return PlannedRequest.get(
                Endpoint.under(api).path("repos", repo.owner(), repo.name(), "pulls", base, head).uri());
    }

    /**
     * Issues or pull requests (all states) updated since {@code since}: whatever was created since is
     * among them. {@code type} is {@code issues} or {@code pulls}.
     */
    PlannedRequest updatedSince(RepoRef repo, String type, Instant since, int page) {
        return PlannedRequest.get(Endpoint.under(api).path("repos", repo.owner(), repo.name(), "issues")
                .query("state", "all").query("type", type)
                .query("since", since.truncatedTo(ChronoUnit.SECONDS).toString())
                .query("page", page).query("limit", ForgejoApi.PAGE_SIZE).uri());
    }

    PlannedRequest currentUser() {
        return PlannedRequest.get(Endpoint.under(api).path("user").uri());
    }

    /**
     * The line that marks what an attempt with {@code key} created; found again by reconcile.
     *
     * @throws IllegalArgumentException for a key {@link IdempotencyKey} refuses (the core never hands one over)
     */
    static String keyMarker(String key) {
        return "<!-- chat-action:" + new IdempotencyKey(key).value() + " -->";
    }

    static String bodyWithKey(String body, String key) {
        return body + "\n\n" + keyMarker(key);
    }
}
