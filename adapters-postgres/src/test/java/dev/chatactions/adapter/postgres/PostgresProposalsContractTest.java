package dev.chatactions.adapter.postgres;

import dev.chatactions.core.service.ProposalRegistry;
import dev.chatactions.core.testing.ProposalRegistryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL proposals keep the registry contract. */
class PostgresProposalsContractTest extends ProposalRegistryContract {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Override
    protected ProposalRegistry registry() {
        return database.store().proposals();
    }
}
