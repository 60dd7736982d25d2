package dev.chatactions.core.service;

import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import java.util.List;
import java.util.Objects;

/** What became of one execution request: a value the edges (HTTP, CLI) map to their own terms. */
public sealed interface ActionOutcome {

    /** The idempotency key the request ran (or would have run) under. */
    String key();

    /** The upstream created it. */
    record Done(String key, ActionResult result) implements ActionOutcome {
        public Done {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The policy refused it; nothing was sent. */
    record Denied(String key, List<String> reasons) implements ActionOutcome {
        public Denied {
            Objects.requireNonNull(key, "key");
            reasons = List.copyOf(reasons);
        }
    }

    /** The upstream did not create it; see {@link Failure#retryable()}. */
    record Failed(String key, Failure failure) implements ActionOutcome {
        public Failed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** It was sent but the answer was lost; a replay reconciles before trying again. */
    record Unknown(String key, Failure failure) implements ActionOutcome {
        public Unknown {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The key already ran to an end; {@code earlier} is that recorded outcome. Nothing was sent now. */
    record AlreadyDone(String key, ActionOutcome earlier) implements ActionOutcome {
        public AlreadyDone {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(earlier, "earlier");
            if (earlier instanceof AlreadyDone || earlier instanceof InProgress || earlier instanceof NotRecorded) {
                throw new IllegalArgumentException("an earlier outcome is a settled one, not " + earlier);
            }
        }
    }

    /** The same key is running right now (a second click, a second tab). Nothing was sent. */
    record InProgress(String key) implements ActionOutcome {
        public InProgress {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The history could not be written. {@code upstream} is what happened upstream, or null when
     * nothing was sent (the start could not be recorded, so the action was not attempted).
     */
    record NotRecorded(String key, ActionOutcome upstream, String error) implements ActionOutcome {
        public NotRecorded {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(error, "error");
        }
    }
}
