package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.ActionResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a live {@link dev.chatactions.core.port.IssueTrackerPort} promises: the live promises for issues, and for pull requests. */
public interface LiveIssueTrackerPortContract extends IssueTrackerPortContract, LiveUpstreamPortContract {

    @Test
    default void a_pull_request_is_opened_and_found_again_by_its_key() {
        Instant since = Instant.now().minus(RECONCILE_WINDOW);

        ActionResult opened = tracker().createPullRequest(PULL_REQUEST, "key-pull-1");
        upstream().listsWhatItCreated();

        assertThat(opened.kind()).isEqualTo("pull");
        assertThat(opened.url()).isNotBlank();
        assertThat(tracker().findCreated(PULL_REQUEST, "key-pull-1", since)).get()
                .satisfies(found -> assertThat(found.kind()).isEqualTo("pull"))
                .extracting(ActionResult::number).isEqualTo(opened.number());
    }
}
