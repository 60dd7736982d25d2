package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.IssueTrackerPort;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IssueTrackerPort} promises (the shared promises in {@link UpstreamPortContract}),
 * for issues and for pull requests. Extend it with the port and a stand-in for its upstream.
 */
public abstract class IssueTrackerPortContract extends UpstreamPortContract {

    protected static final IssueCreate ISSUE = new IssueCreate(REPO, "Flaky test", "It fails on Tuesdays.", List.of());
    protected static final PrCreate PULL_REQUEST = new PrCreate(REPO, "feature-x", "main", "Fix it", "Closes #42");

    protected abstract IssueTrackerPort tracker();

    @Override
    protected final ActionResult create(String key) {
        return tracker().createIssue(ISSUE, key);
    }

    @Override
    protected final Optional<ActionResult> find(String key, Instant since) {
        return tracker().findCreated(ISSUE, key, since);
    }

    @Override
    protected final String createdKind() {
        return "issue";
    }

    @Test
    void a_pull_request_is_opened_and_found_again_by_its_key() {
        assumeFalse(isDryRun());
        Instant since = Instant.now().minusSeconds(60);

        ActionResult opened = tracker().createPullRequest(PULL_REQUEST, "key-pull-1");
        upstream().listsWhatItCreated();

        assertThat(opened.kind()).isEqualTo("pull");
        assertThat(opened.url()).isNotBlank();
        assertThat(tracker().findCreated(PULL_REQUEST, "key-pull-1", since)).get()
                .satisfies(found -> assertThat(found.kind()).isEqualTo("pull"))
                .extracting(ActionResult::number).isEqualTo(opened.number());
    }
}
