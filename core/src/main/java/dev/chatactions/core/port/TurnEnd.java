package dev.chatactions.core.port;

import java.math.BigDecimal;
import java.util.Objects;

/** How a model turn ended. */
public sealed interface TurnEnd permits TurnEnd.Completed, TurnEnd.Failed, TurnEnd.Cancelled {

    /**
     * The model finished its reply.
     *
     * @param modelSession the session id the model reported (to resume next turn)
     * @param stopReason why the model stopped (e.g. {@code end_turn}), or null when unknown
     * @param usage token counts, or null when unknown
     * @param costUsd what the turn cost, or null when unknown
     */
    record Completed(String modelSession, String stopReason, Usage usage, BigDecimal costUsd) implements TurnEnd {}

    /**
     * The turn could not complete.
     *
     * @param reason one sentence fit for a person (not logged in, rate limited, timed out...), never a secret
     * @param retryable true when trying again later may help
     */
    record Failed(String reason, boolean retryable) implements TurnEnd {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The turn was stopped on purpose (the person left, or a limit of the caller passed). */
    record Cancelled(String reason) implements TurnEnd {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Token counts as the model reported them. */
    record Usage(long inputTokens, long outputTokens) {}
}
