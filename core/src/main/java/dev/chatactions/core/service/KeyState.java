package dev.chatactions.core.service;

import java.time.Instant;
import java.util.Objects;

/** A key's state. Running: claimed, its outcome not known yet. Settled: it ended with an outcome. */
public sealed interface KeyState permits KeyState.Running, KeyState.Settled {

    /** {@return the {@code PayloadJson.digest} of the request: reuse for another request is refused} */
    String requestDigest();

    /** {@return when its run started} */
    Instant startedAt();

    /**
     * Claimed, its outcome not known yet.
     *
     * @param requestDigest the digest of the request it runs
     * @param startedAt when it started
     */
    record Running(String requestDigest, Instant startedAt) implements KeyState {
        /** Checks that both components are present. */
        public Running {
            Objects.requireNonNull(requestDigest, "requestDigest");
            Objects.requireNonNull(startedAt, "startedAt");
        }

        /**
         * The same run, ended.
         *
         * @param outcome how it ended
         * @return the settled state
         */
        public Settled settled(ActionOutcome outcome) {
            return new Settled(requestDigest, startedAt, outcome);
        }
    }

    /**
     * It ended with an outcome ({@link ActionOutcome.Unknown} when its answer was lost).
     *
     * @param requestDigest the digest of the request it ran
     * @param startedAt when it started
     * @param outcome how it ended
     */
    record Settled(String requestDigest, Instant startedAt, ActionOutcome outcome) implements KeyState {
        /** Checks that every component is present. */
        public Settled {
            Objects.requireNonNull(requestDigest, "requestDigest");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
