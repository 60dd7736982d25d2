package dev.chatactions.adapter.postgres;

import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.testing.KeyLedgerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The PostgreSQL ledger keeps the ledger contract (the database is its truth: it is not rebuilt from the history). */
class PostgresKeyLedgerContractTest extends KeyLedgerContract {

    private static TestDatabase database;
    private PostgresStore store;
    private PostgresKeyLedger ledger;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyLedger() {
        database.empty();
        store = database.openStore();
        ledger = store.keyLedger(PostgresKeyLedger.DEFAULT_LEASE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    public KeyLedger ledger() {
        return ledger;
    }
}
