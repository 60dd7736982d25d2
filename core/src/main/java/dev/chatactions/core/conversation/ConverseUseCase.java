package dev.chatactions.core.conversation;

import java.time.Duration;
import java.util.Objects;

/**
 * A person talks to the chat's model: one message starts one turn, whose reply streams to a
 * listener, marker by reviewed marker, and ends in the history.
 */
public interface ConverseUseCase {

    /** Opens a new, empty conversation for {@code user}: its id. */
    String open(String user);

    /** Whether {@code conversation} is one of {@code user}'s (opened here, or with lines in the history). */
    boolean exists(String user, String conversation);

    /**
     * Starts a turn, or says why not. When started, the user line is already recorded and the turn
     * runs on; the listener hears it until {@link TurnListener#done}.
     *
     * @throws dev.chatactions.core.port.HistoryException when the user line could not be recorded (no turn runs)
     */
    TurnStart send(SendMessageCommand command, TurnListener listener);

    /** A person's message for a conversation. */
    record SendMessageCommand(String user, String conversation, String message) {
        public SendMessageCommand {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Whether a message started a turn. */
    sealed interface TurnStart {

        /** The turn runs; {@code turn} can cancel it. */
        record Started(RunningTurn turn) implements TurnStart {}

        /** A turn of this conversation is still running: one at a time. */
        record Busy(String runningTurn) implements TurnStart {}

        /**
         * Too many turns run at once.
         *
         * @param forUser true when the person's own cap is reached, false for the server's
         */
        record TooMany(Duration retryAfter, boolean forUser) implements TurnStart {}

        /** The message is blank, too long, or for a conversation that does not exist. */
        record Refused(Refusal refusal, String detail) implements TurnStart {}
    }

    enum Refusal { EMPTY, TOO_LONG, UNKNOWN_CONVERSATION }

    /** Hears one turn, on the turn's thread, in order; {@link #done} comes last, exactly once. */
    interface TurnListener {

        /** A piece of reply text as the model produced it (after the reply cap). */
        void delta(String text);

        /** A marker of the reply, reviewed the moment its {@code </action>} arrived; not yet clickable. */
        void marker(MarkerReview marker);

        /** The turn ended; the reply is recorded and its offers are proposals now. */
        void done(TurnResult result);
    }

    enum TurnStatus { COMPLETED, FAILED, CANCELLED }

    /**
     * How a turn ended.
     *
     * @param reason one sentence for a person when not completed, else null
     * @param retryable true when sending the message again may help
     * @param reply the reply as recorded (cut short unless completed)
     */
    record TurnResult(String turn, TurnStatus status, String reason, boolean retryable, String reply) {
        public TurnResult {
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reply, "reply");
        }
    }
}
