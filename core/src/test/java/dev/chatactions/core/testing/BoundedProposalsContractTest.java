package dev.chatactions.core.testing;

import dev.chatactions.core.service.InMemoryProposals;
import dev.chatactions.core.service.ProposalRegistry;
import dev.chatactions.core.service.LedgerRetention;
import java.time.Duration;

/** A registry bounded by a retention keeps the registry contract. */
class BoundedProposalsContractTest extends ProposalRegistryContract {

    private final InMemoryProposals registry = new InMemoryProposals(new InMemoryHistory(),
            MutableClock.at("2026-11-23T20:00:00Z"), LedgerRetention.of(Duration.ofDays(1)));

    @Override
    protected ProposalRegistry registry() {
        return registry;
    }
}
