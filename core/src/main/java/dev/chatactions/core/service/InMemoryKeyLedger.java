package dev.chatactions.core.service;

import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A key ledger in this process's memory, rebuilt from the history at start-up: the default. */
public final class InMemoryKeyLedger implements KeyLedger {

    private final Map<LedgerKey, KeyState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<KeyState> claim(LedgerKey key, KeyState.Running running) {
        return Optional.ofNullable(states.putIfAbsent(key, running));
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
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public void remember(ActionLine line) {
        if (!Names.isUser(line.user()) || !Names.isKey(line.key())) {
            return; // no request can name this key: a line written before the rules, or edited
        }
        LedgerKey ledgerKey = new LedgerKey(line.user(), line.key());
        String digest = PayloadJson.digest(line.request());
        KeyState previous = states.get(ledgerKey);
        Instant startedAt = previous != null ? previous.startedAt() : line.ts();
        String key = line.key();
        switch (line.status()) {
            case STARTED -> states.put(ledgerKey, new KeyState.Settled(digest, line.ts(), new ActionOutcome.Unknown(key,
                    Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "started at " + line.ts() + " but no outcome was recorded"))));
            case DONE -> states.put(ledgerKey, new KeyState.Settled(digest, startedAt, new ActionOutcome.Done(key, line.result())));
            case FAILED -> states.put(ledgerKey, new KeyState.Settled(digest, startedAt, new ActionOutcome.Failed(key, line.failure())));
            case UNKNOWN -> states.put(ledgerKey, new KeyState.Settled(digest, startedAt, new ActionOutcome.Unknown(key, line.failure())));
            case DENIED -> { } // denials never claim a key
        }
    }
}
