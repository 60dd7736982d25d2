package dev.chatactions.core.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Proposals in this process's memory, rebuilt from the history at start-up: the default registry. */
public final class InMemoryProposals implements ProposalRegistry {

    /** Ids are scoped per user, as keys are. */
    private record UsersId(String user, String id) {}

    private final Map<UsersId, Proposal> proposals = new ConcurrentHashMap<>();

    @Override
    public Proposal register(Proposal proposal) {
        Proposal earlier = proposals.putIfAbsent(new UsersId(proposal.user(), proposal.id()), proposal);
        return earlier != null ? earlier : proposal;
    }

    @Override
    public Optional<Proposal> find(String user, String id) {
        return Optional.ofNullable(proposals.get(new UsersId(user, id)));
    }
}
