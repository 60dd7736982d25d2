package dev.chatactions.core.testing;

import dev.chatactions.core.service.InMemoryProposals;
import dev.chatactions.core.service.ProposalRegistry;

/** The default registry keeps the registry contract. */
class InMemoryProposalsContractTest extends ProposalRegistryContract {

    private final InMemoryProposals registry = new InMemoryProposals();

    @Override
    protected ProposalRegistry registry() {
        return registry;
    }
}
