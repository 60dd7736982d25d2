package dev.chatactions.core.action;

/**
 * A validated, additive action. Only {@link dev.chatactions.core.policy.ActionPolicy} builds these
 * from payloads, so holding one means the policy allowed it.
 */
public sealed interface Action permits CiRun, IssueCreate, PrCreate {

    /** {@return which of the three action types this is} */
    ActionType type();

    /** {@return the repository the action works on} */
    RepoRef repo();
}
