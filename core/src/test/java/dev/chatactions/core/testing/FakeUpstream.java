package dev.chatactions.core.testing;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.port.UpstreamResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory forge and CI in one: records every call, creates numbered objects, can be told to
 * fail the next call, to lose the answer after creating, or to hold calls until released.
 */
public final class FakeUpstream implements IssueTrackerPort, CiPort, UpstreamStandIn {

    /** One call that reached the fake: the action and its key. */
    public record Call(Action action, String key) {}

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, ActionResult> createdByKey = new HashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final List<Instant> lookupsSince = new ArrayList<>();
    private Failure nextFailure;
    private Failure nextLookupFailure;
    private RuntimeException nextBug;
    private boolean loseNextAnswer;
    private volatile CountDownLatch gate;
    private final CountDownLatch entered = new CountDownLatch(1);

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The next create throws this failure (nothing is created). */
    public synchronized void failNext(Failure failure) {
        this.nextFailure = failure;
    }

    /** The next create throws a failure of this kind, as the real adapters report it (nothing is created). */
    @Override
    public void willFail(Failure.Kind kind) {
        failNext(Failure.of(kind, 0, false, "the fake upstream " + kind.name().toLowerCase().replace('_', ' ')));
    }

    @Override
    public void willLoseTheAnswer() {
        loseNextAnswer();
    }

    /** Every create that reached the fake, failed ones too. */
    @Override
    public int createsReceived() {
        return calls().size();
    }

    /** The next lookup of what a key created throws this failure. */
    public synchronized void failNextLookup(Failure failure) {
        this.nextLookupFailure = failure;
    }

    /** The next create throws this, like a bug in an adapter after the request may have left. */
    public synchronized void throwNext(RuntimeException bug) {
        this.nextBug = bug;
    }

    /** The {@code since} of every lookup, in order. */
    public synchronized List<Instant> lookupsSince() {
        return List.copyOf(lookupsSince);
    }

    /** The next create creates the object but throws ANSWER_LOST, like a timeout after sending. */
    public synchronized void loseNextAnswer() {
        this.loseNextAnswer = true;
    }

    /** Creates block until {@link #release()}; {@link #awaitEntered()} tells when one is inside. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    @Override
    public ActionResult createIssue(IssueCreate issue, String key) {
        return create(issue, key, "issue");
    }

    @Override
    public ActionResult createPullRequest(PrCreate pullRequest, String key) {
        return create(pullRequest, key, "pull");
    }

    @Override
    public ActionResult triggerPipeline(CiRun run, String key) {
        return create(run, key, "pipeline");
    }

    @Override
    public Optional<ActionResult> findCreated(Action action, String key, Instant since) {
        return lookUp(key, since);
    }

    @Override
    public Optional<ActionResult> findTriggered(CiRun run, String key, Instant since) {
        return lookUp(key, since);
    }

    private synchronized Optional<ActionResult> lookUp(String key, Instant since) {
        lookupsSince.add(since);
        if (nextLookupFailure != null) {
            Failure failure = nextLookupFailure;
            nextLookupFailure = null;
            throw new UpstreamException(failure);
        }
        return Optional.ofNullable(createdByKey.get(key));
    }

    private ActionResult create(Action action, String key, String kind) {
        entered.countDown();
        CountDownLatch currentGate = gate;
        if (currentGate != null) {
            try {
                currentGate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            calls.add(new Call(action, key));
            if (nextBug != null) {
                RuntimeException bug = nextBug;
                nextBug = null;
                throw bug;
            }
            if (nextFailure != null) {
                Failure failure = nextFailure;
                nextFailure = null;
                throw new UpstreamException(failure);
            }
            long number = numbers.incrementAndGet();
            ActionResult result = new ActionResult(kind, 1000 + number, number,
                    "http://forge.test/" + action.repo() + "/" + kind + "/" + number, "open",
                    new UpstreamResponse(201, Payload.of(Map.of("number", number))));
            createdByKey.put(key, result);
            if (loseNextAnswer) {
                loseNextAnswer = false;
                throw new UpstreamException(Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "timed out after sending"));
            }
            return result;
        }
    }
}
