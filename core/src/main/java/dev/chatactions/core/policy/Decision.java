package dev.chatactions.core.policy;

import dev.chatactions.core.action.Action;
import java.util.List;
import java.util.Objects;

/** What the policy decided about a requested action: a value, never an exception. */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {

    /**
     * The request is an additive action of an enabled type.
     *
     * @param action its validated form
     */
    record Allowed(Action action) implements Decision {
        /** Checks that the action is present. */
        public Allowed {
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * The request is refused.
     *
     * @param reasons every reason found, never empty
     */
    record Denied(List<String> reasons) implements Decision {
        /** Copies the reasons and checks there is one at least. */
        public Denied {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a denial needs at least one reason");
            }
        }
    }

    /** {@return true for {@link Allowed}} */
    default boolean isAllowed() {
        return this instanceof Allowed;
    }
}
