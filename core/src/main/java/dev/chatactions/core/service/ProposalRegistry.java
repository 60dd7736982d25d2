package dev.chatactions.core.service;

import java.util.Optional;

/** Proposals registered for buttons, per user. Its promises are {@code ProposalRegistryContract} in core's test-jar. */
public interface ProposalRegistry {

    /**
     * Registers it unless that user already has one with its id.
     *
     * @param proposal the proposal
     * @return the one that counts: the earlier one with that id, or {@code proposal}
     */
    Proposal register(Proposal proposal);

    /**
     * A proposal registered before.
     *
     * @param user the person it was shown to
     * @param id the proposal id
     * @return the registered proposal, or empty
     */
    Optional<Proposal> find(String user, String id);
}
