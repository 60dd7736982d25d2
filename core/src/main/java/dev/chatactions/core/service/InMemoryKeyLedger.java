package dev.chatactions.core.service;

import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A key ledger in this process's memory, rebuilt from the history at start-up: the default. Bounded
 * by a {@link LedgerRetention}, it drops settled keys past the window or the capacity and reads them back
 * from the history when they come again; running keys are never dropped.
 */
public final class InMemoryKeyLedger implements KeyLedger {

    private final RetainedMap<LedgerKey, KeyState> states;

    /** A ledger that keeps every key. */
    public InMemoryKeyLedger() {
        this.states = new RetainedMap<>();
    }

    /**
     * A ledger that keeps what {@code retention} allows and reads the rest from {@code history}.
     *
     * @param history where a dropped key's lines are read back
     * @param clock tells which keys are past the window
     * @param retention what stays in memory
     */
    public InMemoryKeyLedger(HistoryPort history, Clock clock, LedgerRetention retention) {
        this.states = new RetainedMap<>(new RetainedMap.Bound<>(retention, clock,
                key -> key.user() + '\n' + key.key(), KeyState::startedAt, state -> state instanceof KeyState.Settled,
                key -> recall(history, key)));
    }

    @Override
    public Optional<KeyState> claim(LedgerKey key, KeyState.Running running) {
        return states.putIfAbsent(key, running);
    }

    @Override
    public boolean reclaim(LedgerKey key, KeyState.Settled expected, KeyState.Running running) {
        return states.replace(key, expected, running);
    }

    @Override
    public void settle(LedgerKey key, KeyState.Settled settled) {
        states.put(key, settled);
    }

    @Override
    public void release(LedgerKey key, KeyState.Running running) {
        states.remove(key, running);
    }

    @Override
    public Optional<KeyState> find(LedgerKey key) {
        return states.get(key);
    }

    @Override
    public void remember(ActionLine line) {
        if (!UserName.isValid(line.user()) || !IdempotencyKey.isValid(line.key())) {
            return; // no request can name this key: a line written before the rules, or edited
        }
        LedgerKey ledgerKey = new LedgerKey(line.user(), line.key());
        folded(states.held(ledgerKey), line).ifPresent(state -> states.restore(ledgerKey, state));
    }

    /** The state the key's lines in the history leave it in, as a restore would rebuild it. */
    private static Optional<KeyState> recall(HistoryPort history, LedgerKey key) {
        Optional<KeyState> state = Optional.empty();
        try (Stream<HistoryRecord> lines = history.keyed(key.user(), key.key())) {
            for (HistoryRecord line : (Iterable<HistoryRecord>) lines::iterator) {
                if (line instanceof ActionLine action) {
                    state = folded(state, action);
                }
            }
        }
        return state;
    }

    /** The state after {@code line}; a denial claims no key, so leaves it as it was. */
    private static Optional<KeyState> folded(Optional<KeyState> previous, ActionLine line) {
        String digest = PayloadJson.digest(line.request());
        Instant startedAt = previous.map(KeyState::startedAt).orElse(line.ts());
        String key = line.key();
        KeyState next = switch (line.status()) {
            case STARTED -> new KeyState.Settled(digest, line.ts(), new ActionOutcome.Unknown(key,
                    Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "started at " + line.ts() + " but no outcome was recorded")));
            case DONE -> new KeyState.Settled(digest, startedAt, new ActionOutcome.Done(key, line.result()));
            case FAILED -> new KeyState.Settled(digest, startedAt, new ActionOutcome.Failed(key, line.failure()));
            case UNKNOWN -> new KeyState.Settled(digest, startedAt, new ActionOutcome.Unknown(key, line.failure()));
            case DENIED -> null;
        };
        return next == null ? previous : Optional.of(next);
    }
}
