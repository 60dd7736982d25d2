package dev.chatactions.core.testing;

import dev.chatactions.core.service.InMemoryKeyLedger;
import dev.chatactions.core.service.KeyLedger;

/** The default ledger keeps the ledger contract and rebuilds itself from the history. */
class InMemoryKeyLedgerContractTest extends KeyLedgerContract implements RestoredKeyLedgerContract {

    private final InMemoryKeyLedger ledger = new InMemoryKeyLedger();

    @Override
    public KeyLedger ledger() {
        return ledger;
    }
}
