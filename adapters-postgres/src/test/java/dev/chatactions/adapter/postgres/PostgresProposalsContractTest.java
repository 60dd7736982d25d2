package dev.chatactions.adapter.postgres;

import dev.chatactions.core.service.ProposalRegistry;
import dev.chatactions.core.testing.ProposalRegistryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The PostgreSQL proposals keep the registry contract. */
class PostgresProposalsContractTest extends ProposalRegistryContract {

    private static TestDatabase database;
    private PostgresStore store;

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
    void emptyRegistry() {
        database.empty();
        store = database.openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected ProposalRegistry registry() {
        return store.proposals();
    }
}
