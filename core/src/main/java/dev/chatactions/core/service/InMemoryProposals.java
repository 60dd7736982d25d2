package dev.chatactions.core.service;

import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Proposals in this process's memory, rebuilt from the history at start-up: the default registry.
 * Bounded by a {@link LedgerRetention}, it drops proposals past the window or the capacity and reads them
 * back from the history when they are clicked again.
 */
public final class InMemoryProposals implements ProposalRegistry {

    /** Ids are scoped per user, as keys are. */
    private record UsersId(String user, String id) {}

    private final RetainedMap<UsersId, Proposal> proposals;

    /** A registry that keeps every proposal. */
    public InMemoryProposals() {
        this.proposals = new RetainedMap<>();
    }

    /**
     * A registry that keeps what {@code retention} allows and reads the rest from {@code history}.
     *
     * @param history where a dropped proposal's line is read back
     * @param clock tells which proposals are past the window
     * @param retention what stays in memory
     */
    public InMemoryProposals(HistoryPort history, Clock clock, LedgerRetention retention) {
        this.proposals = new RetainedMap<>(new RetainedMap.Bound<>(retention, clock, id -> id.user() + '\n' + id.id(),
                Proposal::proposedAt, proposal -> true, id -> recall(history, id)));
    }

    @Override
    public Proposal register(Proposal proposal) {
        return proposals.putIfAbsent(new UsersId(proposal.user(), proposal.id()), proposal).orElse(proposal);
    }

    @Override
    public Optional<Proposal> find(String user, String id) {
        return proposals.get(new UsersId(user, id));
    }

    /** The first proposal line with the id, as a restore would have registered it. */
    private static Optional<Proposal> recall(HistoryPort history, UsersId id) {
        try (Stream<HistoryRecord> lines = history.keyed(id.user(), id.id())) {
            return lines.filter(ProposalLine.class::isInstance).map(ProposalLine.class::cast).findFirst()
                    .map(Proposal::of);
        }
    }
}
