package dev.chatactions.app.http;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.IssueTrackerPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Times every upstream call of the wrapped ports for the latency metric; changes nothing else. */
final class MeteredUpstream implements IssueTrackerPort, CiPort {

    private final IssueTrackerPort issueTracker;
    private final CiPort ci;
    private final ActionMetrics metrics;

    MeteredUpstream(IssueTrackerPort issueTracker, CiPort ci, ActionMetrics metrics) {
        this.issueTracker = Objects.requireNonNull(issueTracker, "issueTracker");
        this.ci = Objects.requireNonNull(ci, "ci");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ActionResult createIssue(IssueCreate issue, String key) {
        return timed("issue-create", () -> issueTracker.createIssue(issue, key));
    }

    @Override
    public ActionResult createPullRequest(PrCreate pullRequest, String key) {
        return timed("pr-create", () -> issueTracker.createPullRequest(pullRequest, key));
    }

    @Override
    public Optional<ActionResult> findCreated(Action action, String key, Instant since) {
        return timed("reconcile", () -> issueTracker.findCreated(action, key, since));
    }

    @Override
    public ActionResult triggerPipeline(CiRun run, String key) {
        return timed("ci-run", () -> ci.triggerPipeline(run, key));
    }

    @Override
    public Optional<ActionResult> findTriggered(CiRun run, String key, Instant since) {
        return timed("reconcile", () -> ci.findTriggered(run, key, since));
    }

    private <T> T timed(String call, Supplier<T> upstreamCall) {
        long start = System.nanoTime();
        try {
            return upstreamCall.get();
        } finally {
            metrics.upstreamLatency(call, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
