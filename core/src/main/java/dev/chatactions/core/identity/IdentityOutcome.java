package dev.chatactions.core.identity;

/** What {@link IdentityPlanner} decides: a plan, or a refusal that says why. */
public sealed interface IdentityOutcome permits IdentityPlan, IdentityRefusal {
}
