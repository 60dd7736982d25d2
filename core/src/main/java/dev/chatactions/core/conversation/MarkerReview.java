package dev.chatactions.core.conversation;

import dev.chatactions.core.action.Action;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.Proposal;
import java.util.List;
import java.util.Objects;

/**
 * What one marker of assistant text is, decided by the core; the apps only present it. Offsets are
 * UTF-16 indices into the reviewed text ({@code end} exclusive).
 */
public sealed interface MarkerReview permits MarkerReview.Offered, MarkerReview.Refused, MarkerReview.Broken {

    int start();

    int end();

    /** The type the marker asked for; null only for a broken marker without a readable type. */
    String type();

    /**
     * Allowed: a button.
     *
     * @param payload what the marker held
     * @param proposal what the button posts; null when the review only decides (no proposals, e.g. the CLI)
     * @param recorded the outcome already recorded for the proposal (or in progress), else null
     */
    record Offered(int start, int end, String type, Payload payload, Action action, Proposal proposal,
            ActionOutcome recorded) implements MarkerReview {
        public Offered {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(action, "action");
        }
    }

    /** Denied by the policy: shown disabled with every reason; nothing to click, so no proposal. */
    record Refused(int start, int end, String type, Payload payload, List<String> reasons) implements MarkerReview {
        public Refused {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
            reasons = List.copyOf(reasons);
        }
    }

    /** Not a usable marker (broken JSON, unknown field...), or one that could not be offered: a warning. */
    record Broken(int start, int end, String type, String reason) implements MarkerReview {
        public Broken {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
