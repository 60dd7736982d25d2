package dev.chatactions.core.port;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import java.time.Instant;
import java.util.Optional;

/** The forge's issue tracker: creates issues and pull requests. */
public interface IssueTrackerPort {

    /**
     * Creates the issue. The tracker writes {@code key} into what it creates so that an attempt
     * whose answer was lost can be found again ({@link #findCreated}).
     *
     * @param issue the issue to create
     * @param key the idempotency key of this attempt
     * @return the issue created
     * @throws UpstreamException when the tracker did not create it (or the answer was lost)
     */
    ActionResult createIssue(IssueCreate issue, String key);

    /**
     * Opens the pull request; see {@link #createIssue} for the key and failures.
     *
     * @param pullRequest the pull request to open
     * @param key the idempotency key of this attempt
     * @return the pull request opened
     * @throws UpstreamException when the tracker did not open it (or the answer was lost)
     */
    ActionResult createPullRequest(PrCreate pullRequest, String key);

    /**
     * Reconcile: finds what an earlier attempt with {@code key} created, if anything, looking at
     * objects created since {@code since}.
     *
     * @param action the issue or pull request that was asked for
     * @param key the idempotency key of the earlier attempt
     * @param since when to look from (the attempt's start, less a margin)
     * @return what it created, or empty when it created nothing
     * @throws UpstreamException when the tracker cannot be asked
     */
    Optional<ActionResult> findCreated(Action action, String key, Instant since);
}
