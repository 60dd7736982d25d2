package dev.chatactions.core.service;

import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import java.util.List;
import java.util.Objects;

/** What became of one execution request: a value the edges (HTTP, CLI) map to their own terms. */
public sealed interface ActionOutcome {

    /** {@return the idempotency key the request ran (or would have run) under} */
    String key();

    /**
     * The upstream created it.
     *
     * @param key the idempotency key
     * @param result what was created
     */
    record Done(String key, ActionResult result) implements ActionOutcome {
        /** Checks that both components are present. */
        public Done {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The policy refused it; nothing was sent.
     *
     * @param key the idempotency key
     * @param reasons every reason the policy found
     */
    record Denied(String key, List<String> reasons) implements ActionOutcome {
        /** Checks the key and copies the reasons. */
        public Denied {
            Objects.requireNonNull(key, "key");
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * The upstream did not create it; see {@link Failure#retryable()}.
     *
     * @param key the idempotency key
     * @param failure why not
     */
    record Failed(String key, Failure failure) implements ActionOutcome {
        /** Checks that both components are present. */
        public Failed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * It was sent but the answer was lost; a replay reconciles before trying again.
     *
     * @param key the idempotency key
     * @param failure how the answer was lost
     */
    record Unknown(String key, Failure failure) implements ActionOutcome {
        /** Checks that both components are present. */
        public Unknown {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The key already ran to an end. Nothing was sent now.
     *
     * @param key the idempotency key
     * @param earlier the recorded outcome of that run
     */
    record AlreadyDone(String key, ActionOutcome earlier) implements ActionOutcome {
        /** Checks the components; the earlier outcome must be a settled one. */
        public AlreadyDone {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(earlier, "earlier");
            if (earlier instanceof AlreadyDone || earlier instanceof InProgress || earlier instanceof NotRecorded) {
                throw new IllegalArgumentException("an earlier outcome is a settled one, not " + earlier);
            }
        }
    }

    /**
     * The same key is running right now (a second click, a second tab). Nothing was sent.
     *
     * @param key the idempotency key
     */
    record InProgress(String key) implements ActionOutcome {
        /** Checks that the key is present. */
        public InProgress {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The history could not be written. {@code upstream} is what happened upstream, or null when
     * nothing was sent (the start could not be recorded, so the action was not attempted).
     *
     * @param key the idempotency key
     * @param upstream what happened upstream, or null
     * @param error why the history could not be written, one line
     */
    record NotRecorded(String key, ActionOutcome upstream, String error) implements ActionOutcome {
        /** Checks that key and error are present. */
        public NotRecorded {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(error, "error");
        }
    }
}
