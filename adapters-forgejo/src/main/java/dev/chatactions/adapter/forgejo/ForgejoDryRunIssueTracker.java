package dev.chatactions.adapter.forgejo;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.IssueTrackerPort;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link IssueTrackerPort} that sends nothing: it builds the request {@link
 * ForgejoIssueTrackerAdapter} would send and returns it as a {@code dry-run} result. Label names
 * stay names (resolving them would need the forge), which the result says.
 */
public final class ForgejoDryRunIssueTracker implements IssueTrackerPort {

    /** Shown when no forge is configured; never contacted. */
    public static final URI PLACEHOLDER_URL = URI.create("https://forge.example");

    private final ForgejoRequests requests;

    /** @param forgeUrl the forge's root for display, or null for {@link #PLACEHOLDER_URL} */
    public ForgejoDryRunIssueTracker(URI forgeUrl) {
        this.requests = new ForgejoRequests(forgeUrl == null ? PLACEHOLDER_URL : forgeUrl);
    }

    @Override
    public ActionResult createIssue(IssueCreate issue, String key) {
        Map<String, Object> notes = issue.labels().isEmpty() ? Map.of() : Map.of("labels_unresolved", true);
        return requests.createIssue(issue, key, issue.labels()).dryRunResult("issue", notes);
    }

    @Override
    public ActionResult createPullRequest(PrCreate pr, String key) {
        return requests.createPullRequest(pr, key).dryRunResult("pull", Map.of());
    }

    /** A dry run creates nothing, so there is nothing to find. */
    @Override
    public Optional<ActionResult> findCreated(Action action, String key, Instant since) {
        return Optional.empty();
    }
}
