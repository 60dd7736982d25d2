package dev.chatactions.core.port;

import java.util.function.Consumer;

/**
 * The chat's model: one turn in, text deltas out, and a value for how the turn ended. An
 * implementation never sees a token of ours; it runs with the chat's own identity.
 */
public interface AssistantPort {

    /**
     * Runs one turn and blocks until it ends. Each piece of reply text goes to {@code deltas} in
     * order, on the calling thread or one other thread, never two at once. Its own time limits
     * (first byte, silence between deltas, whole turn) end the turn as {@link TurnEnd.Failed}.
     *
     * @param cancel fired when the person leaves or a limit of the caller passes: the turn stops
     *     as soon as it can, leaves nothing running, and ends as {@link TurnEnd.Cancelled}
     * @return how the turn ended; never null, never thrown for a failure of the model
     */
    TurnEnd converse(AssistantRequest request, Consumer<String> deltas, CancelSignal cancel);
}
