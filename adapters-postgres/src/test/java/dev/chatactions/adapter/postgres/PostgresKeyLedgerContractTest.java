package dev.chatactions.adapter.postgres;

import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.testing.KeyLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL ledger keeps the ledger contract (the database is its truth: it is not rebuilt from the history). */
class PostgresKeyLedgerContractTest extends KeyLedgerContract {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private PostgresKeyLedger ledger;

    @Override
    public KeyLedger ledger() {
        if (ledger == null) {
            ledger = database.store().keyLedger(PostgresKeyLedger.DEFAULT_LEASE);
        }
        return ledger;
    }
}
