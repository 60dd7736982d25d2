package dev.chatactions.core.policy;

import java.util.List;

/** One rule of the additive-only policy: why a draft breaks it, or no reason when the draft keeps it. */
@FunctionalInterface
interface ActionRule {

    List<String> reasons(ActionDraft draft, PolicySettings settings);
}
