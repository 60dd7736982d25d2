package dev.chatactions.core.testing;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.port.ActionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How the upstream contracts reach a port that creates something upstream: create its usual object
 * with a key, look for it again, and arrange the stand-in for its upstream. It holds no promise itself;
 * {@link LiveUpstreamPortContract} holds those of a port that contacts its upstream,
 * {@link DryRunUpstreamPortContract} those of a dry run. {@link IssueTrackerPortContract} and
 * {@link CiPortContract} bind it to their port; a test class implements a binding and the promises
 * that apply, so no test is skipped.
 */
public interface UpstreamPortContract {

    RepoRef REPO = new RepoRef("acme", "widgets");

    /** How far back reconcile looks: longer than any contract test takes, so it covers all its creates. */
    Duration RECONCILE_WINDOW = Duration.ofMinutes(5);

    /** Creates the port's usual object with {@code key}. */
    ActionResult create(String key);

    /** Reconcile: the port looks for what {@link #create} made with {@code key}. */
    Optional<ActionResult> find(String key, Instant since);

    /** The kind every result of {@link #create} has ({@code issue}, {@code pipeline}). */
    String createdKind();

    /** What stands in for the upstream behind the port. */
    UpstreamStandIn upstream();

    default Optional<ActionResult> reconcile(String key) {
        upstream().listsWhatItCreated();
        return find(key, Instant.now().minus(RECONCILE_WINDOW));
    }
}
