package dev.chatactions.core.testing;

import dev.chatactions.core.service.InMemoryKeyLedger;
import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.service.LedgerRetention;
import java.time.Duration;

/** A ledger bounded by a retention keeps the same contracts while what it holds is within its window. */
class BoundedKeyLedgerContractTest extends KeyLedgerContract implements RestoredKeyLedgerContract {

    private final InMemoryKeyLedger ledger = new InMemoryKeyLedger(new InMemoryHistory(),
            MutableClock.at("2026-11-23T20:00:00Z"), LedgerRetention.of(Duration.ofDays(1)));

    @Override
    public KeyLedger ledger() {
        return ledger;
    }
}
