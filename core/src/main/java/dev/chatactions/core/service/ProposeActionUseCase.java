package dev.chatactions.core.service;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.HistoryException;
import java.util.Optional;

/** Offer an allowed marker as a button: a proposal, recorded once, whose click runs it at most once. */
public interface ProposeActionUseCase {

    /** {@return the policy it decides by, e.g. to show denied markers disabled} */
    ActionPolicy policy();

    /**
     * Registers an allowed marker as a proposal (recorded once, as {@code role:"proposal"}). The id
     * is derived from user, conversation, type and canonical payload, so rendering the same text
     * again yields the same proposal.
     *
     * @param user the person it is shown to
     * @param conversation the conversation, or null
     * @param type the marker's wire type
     * @param payload the marker's payload
     * @return the proposal, new or the one registered before
     * @throws HistoryException when the proposal could not be recorded (then it is not registered)
     */
    Proposal propose(String user, String conversation, String type, Payload payload);

    /**
     * The proposal {@link #propose} gives for this marker, without registering or recording it: the
     * registered one when there is one, else a new value (not clickable until proposed).
     *
     * @param user the person it is shown to
     * @param conversation the conversation it is shown in
     * @param type the marker's wire type
     * @param payload what the marker held
     * @return the proposal's id, digest and payload
     */
    Proposal preview(String user, String conversation, String type, Payload payload);

    /**
     * A proposal registered before.
     *
     * @param user the person it was shown to
     * @param id the proposal id
     * @return the registered proposal, or empty
     */
    Optional<Proposal> proposal(String user, String id);

    /**
     * The recorded outcome of {@code key} for {@code user}, or {@link ActionOutcome.InProgress}, if it ran
     * (a proposal's id is its click's key).
     *
     * @param user the person who asked
     * @param key the idempotency key
     * @return the outcome, or empty when the key never ran
     */
    Optional<ActionOutcome> outcome(String user, String key);
}
