package dev.chatactions.core.service;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.Decision;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.port.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The action use cases (propose, execute, replay) over one policy, ledger and history: policy, then
 * idempotency, then the upstream port, then history. Callers reach it through its in-ports; only
 * wiring names this class.
 *
 * <p>Every attempt is recorded, denials included. Before an upstream call a {@code started} line
 * is written; if that fails nothing is sent. A key (per user) reaches the upstream at most once
 * unless a replay finds, after reconciling, that its earlier attempt created nothing. State is
 * rebuilt from the history by {@link #restore}, so it survives restarts.
 */
public final class ActionService implements ProposeActionUseCase, ExecuteActionUseCase, ReplayActionUseCase {

    /** How far before an unknown attempt's start reconcile looks, for clock skew with the upstream. */
    static final Duration RECONCILE_MARGIN = Duration.ofMinutes(2);

    private final ActionPolicy policy;
    private final IssueTrackerPort issueTracker;
    private final CiPort ci;
    private final HistoryPort history;
    private final Clock clock;

    private final KeyLedger ledger;
    private final ProposalRegistry proposals;
    /** One proposal line per registration from this instance. */
    private final Object proposing = new Object();
    /** Done once the ledger and proposals hold what the history says; until then no call touches them. */
    private final CompletableFuture<Void> restored;
    /** How long a call waits for {@link #restored} before it is refused with {@link ServiceStarting}. */
    private final Duration patience;

    /**
     * A service with no state yet, in memory; {@link #restore} rebuilds it from the history instead.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt
     * @param clock stamps history lines
     */
    public ActionService(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history, Clock clock) {
        this(policy, issueTracker, ci, history, clock, new InMemoryKeyLedger(), new InMemoryProposals());
    }

    /**
     * A service that keeps its keys and proposals where {@code ledger} and {@code proposals} do.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt
     * @param clock stamps history lines
     * @param ledger which keys have run and how each ended
     * @param proposals the proposals registered for buttons
     */
    public ActionService(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history, Clock clock,
            KeyLedger ledger, ProposalRegistry proposals) {
        this(policy, issueTracker, ci, history, clock, ledger, proposals, CompletableFuture.completedFuture(null), Duration.ZERO);
    }

    private ActionService(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history, Clock clock,
            KeyLedger ledger, ProposalRegistry proposals, CompletableFuture<Void> restored, Duration patience) {
        this.restored = restored;
        this.patience = patience;
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.proposals = Objects.requireNonNull(proposals, "proposals");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.issueTracker = Objects.requireNonNull(issueTracker, "issueTracker");
        this.ci = Objects.requireNonNull(ci, "ci");
        this.history = Objects.requireNonNull(history, "history");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A service whose proposals and outcomes are rebuilt from everything in {@code history}.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt, and is read once now
     * @param clock stamps history lines
     * @return the service
     */
    public static ActionService restore(
            ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history, Clock clock) {
        return restore(policy, issueTracker, ci, history, clock, new InMemoryKeyLedger(), new InMemoryProposals());
    }

    /**
     * A service that keeps in memory what {@code retention} allows, rebuilt from {@code history}, and
     * reads older keys and proposals back from it when they come again.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt; read once now, and again for what was dropped
     * @param clock stamps history lines and tells what is past the window
     * @param retention what stays in memory
     * @return the service
     */
    public static ActionService restore(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history,
            Clock clock, LedgerRetention retention) {
        return restore(policy, issueTracker, ci, history, clock, new InMemoryKeyLedger(history, clock, retention),
                new InMemoryProposals(history, clock, retention));
    }

    /**
     * A service whose {@code ledger} and {@code proposals} are fed everything in {@code history}.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt, and is read once now
     * @param clock stamps history lines
     * @param ledger which keys have run and how each ended; {@link KeyLedger#remember remembers} every action line
     * @param proposals registers every proposal line
     * @return the service
     */
    public static ActionService restore(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history,
            Clock clock, KeyLedger ledger, ProposalRegistry proposals) {
        feed(history, ledger, proposals);
        return new ActionService(policy, issueTracker, ci, history, clock, ledger, proposals);
    }

    /**
     * A service that is returned at once and rebuilds its state from {@code history} on {@code restorer}
     * (keeping what {@code retention} allows), so a server can answer before a long history is read.
     * Until the restore is done a call waits up to {@code patience}, then throws {@link ServiceStarting}:
     * nothing runs that the history might have refused.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt; read once on {@code restorer}, and again for what was dropped
     * @param clock stamps history lines and tells what is past the window
     * @param retention what stays in memory
     * @param restorer runs the restore
     * @param patience how long a call waits for the restore
     * @return the service, restoring
     */
    public static ActionService restoreInBackground(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci,
            HistoryPort history, Clock clock, LedgerRetention retention, Executor restorer, Duration patience) {
        return restoreInBackground(policy, issueTracker, ci, history, clock, new InMemoryKeyLedger(history, clock, retention),
                new InMemoryProposals(history, clock, retention), restorer, patience);
    }

    /**
     * A service that is returned at once while {@code ledger} and {@code proposals} are fed everything
     * in {@code history} on {@code restorer}; until then a call waits up to {@code patience}, then
     * throws {@link ServiceStarting}.
     *
     * @param policy decides on every request
     * @param issueTracker creates issues and pull requests
     * @param ci runs pipelines
     * @param history records every proposal and attempt; read once, in the background
     * @param clock stamps history lines
     * @param ledger the key ledger to rebuild
     * @param proposals the proposal registry to rebuild
     * @param restorer runs the restore
     * @param patience how long a call waits for the restore before it is refused
     * @return the service, answering once restored
     */
    public static ActionService restoreInBackground(ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci,
            HistoryPort history, Clock clock, KeyLedger ledger, ProposalRegistry proposals, Executor restorer, Duration patience) {
        CompletableFuture<Void> restored = CompletableFuture.runAsync(() -> feed(history, ledger, proposals), restorer);
        return new ActionService(policy, issueTracker, ci, history, clock, ledger, proposals, restored, patience);
    }

    /** Streams the history once into the ledger and proposals; a bounded ledger holds only its window of it. */
    private static void feed(HistoryPort history, KeyLedger ledger, ProposalRegistry proposals) {
        try (Stream<HistoryRecord> records = history.all()) {
            records.forEach(record -> {
                if (record instanceof ProposalLine line) {
                    proposals.register(Proposal.of(line));
                } else if (record instanceof ActionLine line) {
                    ledger.remember(line);
                }
            });
        }
    }

    /** {@return whether the state is rebuilt from the history (always, unless restoring in the background)} */
    public boolean isRestored() {
        return restored.isDone() && !restored.isCompletedExceptionally();
    }

    /** {@return completes when the state is rebuilt from the history, or exceptionally when it could not be} */
    public CompletionStage<Void> restoration() {
        return restored.minimalCompletionStage();
    }

    /** Waits for the restore, up to the patience: no call may see a ledger the history has not filled yet. */
    private void awaitRestored() {
        if (isRestored()) {
            return;
        }
        try {
            restored.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceStarting("starting: the action history is still being read; try again shortly", null);
        } catch (ExecutionException e) {
            throw new ServiceStarting("the action history could not be read at start-up: " + problem(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStarting("starting: interrupted while the action history is being read", null);
        }
    }

    @Override
    public ActionPolicy policy() {
        return policy;
    }

    // ---- proposals -------------------------------------------------------------------------

    @Override
    public Proposal propose(String user, String conversation, String type, Payload payload) {
        awaitRestored();
        Proposal proposal = preview(user, conversation, type, payload);
        synchronized (proposing) {
            Optional<Proposal> existing = proposals.find(user, proposal.id());
            if (existing.isPresent()) {
                return existing.get();
            }
            history.append(new ProposalLine(
                    proposal.proposedAt(), user, conversation, proposal.id(), type, payload, proposal.digest()));
            return proposals.register(proposal);
        }
    }

    @Override
    public Proposal preview(String user, String conversation, String type, Payload payload) {
        awaitRestored();
        new UserName(user);
        ConversationId.ofNullable(conversation);
        String canonical = PayloadJson.canonical(payload);
        String id = "p-" + PayloadJson.sha256Hex(scope(user, conversation, type, canonical)).substring(0, 24);
        return proposals.find(user, id).orElseGet(() ->
                new Proposal(id, user, conversation, type, payload, PayloadJson.sha256Hex(canonical), clock.instant()));
    }

    @Override
    public Optional<Proposal> proposal(String user, String id) {
        awaitRestored();
        return proposals.find(user, id);
    }

    @Override
    public Optional<ActionOutcome> outcome(String user, String key) {
        awaitRestored();
        if (!UserName.isValid(user) || !IdempotencyKey.isValid(key)) {
            return Optional.empty(); // no request can have run under such a name
        }
        return ledger.find(new LedgerKey(user, key)).map(state -> state instanceof KeyState.Settled settled
                ? settled.outcome()
                : new ActionOutcome.InProgress(key));
    }

    // ---- execution -------------------------------------------------------------------------

    @Override
    public ActionOutcome execute(ExecuteActionCommand command) {
        awaitRestored();
        Payload payload = command.payload();
        String requestDigest = PayloadJson.digest(payload);
        String user = command.user().value();
        String conversation = command.conversation() == null ? null : command.conversation().value();
        String key;
        Decision decision = policy.decide(command.type(), payload);
        if (command.proposal() != null) {
            key = command.proposal().id().value();
            Proposal proposal;
            try {
                proposal = proposals.find(user, key).orElse(null);
            } catch (RuntimeException e) {
                return ledgerUnreachable(key, e); // a dropped proposal's history could not be read: nothing runs
            }
            Optional<String> mismatch = proposalMismatch(proposal, command, requestDigest);
            if (mismatch.isPresent()) {
                decision = deny(decision, mismatch.get());
            } else {
                conversation = proposal.conversation();
            }
        } else if (command.idempotencyKey() != null) {
            key = command.idempotencyKey().value();
        } else {
            key = "k-" + PayloadJson.sha256Hex(
                    scope(user, conversation, command.type(), PayloadJson.canonical(payload))).substring(0, 32);
        }
        Attempt attempt = new Attempt(user, conversation, command.type(), key, command.proposal() == null
                ? null : command.proposal().id().value(), payload, null);

        if (decision instanceof Decision.Denied denied) {
            return recordDenial(attempt, denied.reasons());
        }
        LedgerKey ledgerKey = new LedgerKey(user, key);
        KeyState.Running running = new KeyState.Running(requestDigest, clock.instant());
        Optional<KeyState> earlier;
        try {
            earlier = ledger.claim(ledgerKey, running);
        } catch (RuntimeException e) {
            return ledgerUnreachable(key, e);
        }
        if (earlier.isPresent()) {
            if (!earlier.get().requestDigest().equals(requestDigest)) {
                return recordDenial(attempt, List.of("idempotency key \"" + key + "\" was already used for a different request"));
            }
            return earlier.get() instanceof KeyState.Settled settled
                    ? new ActionOutcome.AlreadyDone(key, settled.outcome())
                    : new ActionOutcome.InProgress(key);
        }
        return run(attempt, ((Decision.Allowed) decision).action(), ledgerKey, running);
    }

    @Override
    public ActionOutcome replay(ActionLine original) {
        awaitRestored();
        Objects.requireNonNull(original, "original");
        String key = original.key();
        Attempt attempt = new Attempt(original.user(), original.conversation(), original.type(), key,
                original.proposal(), original.request(), original.ts().toString());
        if (original.status() == ActionStatus.DENIED) {
            return new ActionOutcome.AlreadyDone(key, new ActionOutcome.Denied(key, original.reasons()));
        }
        if (!IdempotencyKey.isValid(key)) {
            // A line written before the key rule, or edited: refused like a request would be, and the replay goes on.
            return recordDenial(attempt, List.of("idempotency key \"" + key + "\" cannot be carried upstream: a key is "
                    + IdempotencyKey.RULE));
        }
        LedgerKey ledgerKey = new LedgerKey(original.user(), key);
        Optional<KeyState> state;
        try {
            state = ledger.find(ledgerKey);
        } catch (RuntimeException e) {
            return ledgerUnreachable(key, e);
        }
        if (state.isPresent() && state.get() instanceof KeyState.Running) {
            return new ActionOutcome.InProgress(key);
        }
        Optional<KeyState.Settled> current = state.map(KeyState.Settled.class::cast);
        if (current.isPresent() && current.get().outcome() instanceof ActionOutcome.Done) {
            return new ActionOutcome.AlreadyDone(key, current.get().outcome());
        }
        Decision decision = policy.decide(original.type(), original.request());
        if (decision instanceof Decision.Denied denied) {
            return recordDenial(attempt, denied.reasons());
        }
        KeyState.Running running = new KeyState.Running(PayloadJson.digest(original.request()), clock.instant());
        boolean claimed;
        try {
            claimed = current.isEmpty()
                    ? ledger.claim(ledgerKey, running).isEmpty()
                    : ledger.reclaim(ledgerKey, current.get(), running);
        } catch (RuntimeException e) {
            return ledgerUnreachable(key, e);
        }
        if (!claimed) {
            return new ActionOutcome.InProgress(key);
        }
        Action action = ((Decision.Allowed) decision).action();
        boolean answerMayBeLost = original.status() == ActionStatus.UNKNOWN
                || original.status() == ActionStatus.STARTED
                || (current.isPresent() && current.get().outcome() instanceof ActionOutcome.Unknown);
        if (answerMayBeLost) {
            Instant since = current.map(KeyState::startedAt).orElse(original.ts()).minus(RECONCILE_MARGIN);
            Optional<ActionOutcome> reconciled = reconcile(action, key, since);
            if (reconciled.isPresent()) {
                return settle(attempt, ledgerKey, running, reconciled.get());
            }
        }
        return run(attempt, action, ledgerKey, running);
    }

    private Optional<ActionOutcome> reconcile(Action action, String key, Instant since) {
        try {
            Optional<ActionResult> found = action instanceof CiRun run
                    ? ci.findTriggered(run, key, since)
                    : issueTracker.findCreated(action, key, since);
            return found.map(result -> new ActionOutcome.Done(key, result));
        } catch (UpstreamException e) {
            Failure lookup = e.failure();
            return Optional.of(new ActionOutcome.Unknown(key, new Failure(Failure.Kind.ANSWER_LOST, lookup.status(),
                    false, "could not check whether the earlier attempt created it: " + lookup.message(),
                    lookup.details(), null, lookup.response())));
        } catch (RuntimeException e) {
            // A bug in a lookup must not stop a replay or leave the key claimed: still unknown, still looked for next time.
            return Optional.of(new ActionOutcome.Unknown(key, Failure.of(Failure.Kind.ANSWER_LOST, 0, false,
                    "could not check whether the earlier attempt created it: unexpected " + e.getClass().getSimpleName())));
        }
    }

    private ActionOutcome run(Attempt attempt, Action action, LedgerKey ledgerKey, KeyState.Running running) {
        try {
            history.append(attempt.line(running.startedAt(), ActionStatus.STARTED, null, null, List.of()));
        } catch (HistoryException e) {
            try {
                ledger.release(ledgerKey, running);
            } catch (RuntimeException unreleased) {
                // nothing was sent either way; the claim stays until the ledger is reachable again
            }
            return new ActionOutcome.NotRecorded(attempt.key(), null, "not started, the history could not be written: " + e.getMessage());
        }
        return settle(attempt, ledgerKey, running, callUpstream(action, attempt.key()));
    }

    private ActionOutcome callUpstream(Action action, String key) {
        try {
            ActionResult result;
            if (action instanceof IssueCreate issue) {
                result = issueTracker.createIssue(issue, key);
            } else if (action instanceof PrCreate pullRequest) {
                result = issueTracker.createPullRequest(pullRequest, key);
            } else {
                result = ci.triggerPipeline((CiRun) action, key);
            }
            return new ActionOutcome.Done(key, result);
        } catch (UpstreamException e) {
            Failure failure = e.failure();
            return failure.kind() == Failure.Kind.ANSWER_LOST
                    ? new ActionOutcome.Unknown(key, failure)
                    : new ActionOutcome.Failed(key, failure);
        } catch (RuntimeException e) {
            // A bug after the request may have left: treat the answer as lost, never as "not sent".
            return new ActionOutcome.Unknown(key, Failure.of(Failure.Kind.ANSWER_LOST, 0, false,
                    "unexpected " + e.getClass().getSimpleName() + " while calling the upstream"));
        }
    }

    /** Records the final outcome; the ledger is settled first so a failed write never allows a rerun. */
    private ActionOutcome settle(Attempt attempt, LedgerKey ledgerKey, KeyState.Running running, ActionOutcome outcome) {
        String unrecorded = null;
        try {
            ledger.settle(ledgerKey, running.settled(outcome));
        } catch (RuntimeException e) {
            unrecorded = "the outcome could not be recorded in the key ledger: " + problem(e);
        }
        try {
            history.append(finalLine(attempt, outcome));
        } catch (HistoryException e) {
            unrecorded = "the outcome could not be recorded: " + e.getMessage();
        }
        return unrecorded == null ? outcome : new ActionOutcome.NotRecorded(attempt.key(), outcome, unrecorded);
    }

    private static ActionOutcome ledgerUnreachable(String key, RuntimeException e) {
        return new ActionOutcome.NotRecorded(key, null, "not started, the key ledger could not be reached: " + problem(e));
    }

    /** A ledger's own failures name their store; anything else is named by its class only, as it may hold anything. */
    private static String problem(Throwable e) {
        return e instanceof HistoryException ? e.getMessage() : "unexpected " + e.getClass().getSimpleName();
    }

    private ActionOutcome recordDenial(Attempt attempt, List<String> reasons) {
        ActionOutcome denied = new ActionOutcome.Denied(attempt.key(), reasons);
        try {
            history.append(attempt.line(clock.instant(), ActionStatus.DENIED, null, null, reasons));
        } catch (HistoryException e) {
            return new ActionOutcome.NotRecorded(attempt.key(), denied, "the denial could not be recorded: " + e.getMessage());
        }
        return denied;
    }

    private ActionLine finalLine(Attempt attempt, ActionOutcome outcome) {
        Instant now = clock.instant();
        if (outcome instanceof ActionOutcome.Done done) {
            return attempt.line(now, ActionStatus.DONE, done.result(), null, List.of());
        }
        if (outcome instanceof ActionOutcome.Failed failed) {
            return attempt.line(now, ActionStatus.FAILED, null, failed.failure(), List.of());
        }
        return attempt.line(now, ActionStatus.UNKNOWN, null, ((ActionOutcome.Unknown) outcome).failure(), List.of());
    }

    private static Optional<String> proposalMismatch(Proposal proposal, ExecuteActionCommand command, String requestDigest) {
        if (proposal == null) {
            return Optional.of("proposal \"" + command.proposal().id() + "\" is unknown for this user");
        }
        if (!proposal.type().equals(command.type())) {
            return Optional.of("proposal \"" + proposal.id() + "\" is a " + proposal.type() + ", not a " + command.type());
        }
        if (!proposal.digest().equals(command.proposal().digest()) || !proposal.digest().equals(requestDigest)) {
            return Optional.of("the payload differs from proposal \"" + proposal.id() + "\" as it was shown");
        }
        if (command.conversation() != null && !command.conversation().value().equals(proposal.conversation())) {
            return Optional.of("proposal \"" + proposal.id() + "\" belongs to another conversation");
        }
        return Optional.empty();
    }

    private static Decision deny(Decision decision, String reason) {
        if (decision instanceof Decision.Denied denied) {
            return new Decision.Denied(Stream.concat(denied.reasons().stream(), Stream.of(reason)).toList());
        }
        return new Decision.Denied(List.of(reason));
    }

    /**
     * What a proposal id and a derived key are made from. A CI run also takes the UTC day: unlike an
     * issue, the same run is something a person may want again, so a button or a keyless request for it
     * runs once a day, and a later day offers it again (a retry on the same day still runs nothing twice).
     */
    private String scope(String user, String conversation, String type, String canonicalPayload) {
        String scope = user + '\n' + (conversation == null ? "" : conversation) + '\n' + type + '\n' + canonicalPayload;
        return type.equals(ActionType.CI_RUN.wireName())
                ? scope + '\n' + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                : scope;
    }

    /** What every line of one attempt shares. */
    private record Attempt(
            String user, String conversation, String type, String key, String proposal, Payload request, String replayOf) {

        ActionLine line(Instant ts, ActionStatus status, ActionResult result, Failure failure, List<String> reasons) {
            return new ActionLine(ts, user, conversation, type, key, proposal, request, status, reasons, result, failure, replayOf);
        }
    }
}
