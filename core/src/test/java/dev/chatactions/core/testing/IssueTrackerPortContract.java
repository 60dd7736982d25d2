package dev.chatactions.core.testing;

import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.IssueTrackerPort;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Binds the upstream contracts to an {@link IssueTrackerPort}: its usual object is an issue. A live
 * tracker's test implements {@link LiveIssueTrackerPortContract}; a dry run's implements this and
 * {@link DryRunUpstreamPortContract}.
 */
public interface IssueTrackerPortContract extends UpstreamPortContract {

    IssueCreate ISSUE = new IssueCreate(REPO, "Flaky test", "It fails on Tuesdays.", List.of());
    PrCreate PULL_REQUEST = new PrCreate(REPO, "feature-x", "main", "Fix it", "Closes #42");

    IssueTrackerPort tracker();

    @Override
    default ActionResult create(String key) {
        return tracker().createIssue(ISSUE, key);
    }

    @Override
    default Optional<ActionResult> find(String key, Instant since) {
        return tracker().findCreated(ISSUE, key, since);
    }

    @Override
    default String createdKind() {
        return "issue";
    }
}
