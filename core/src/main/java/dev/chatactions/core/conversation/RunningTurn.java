package dev.chatactions.core.conversation;

import dev.chatactions.core.port.CancelSignal;
import java.util.Objects;

/** A started turn: its id, and the switch that stops it. */
public final class RunningTurn {

    private final String id;
    private final String user;
    private final String conversation;
    private final CancelSignal cancel = new CancelSignal();

    RunningTurn(String id, String user, String conversation) {
        this.id = Objects.requireNonNull(id, "id");
        this.user = Objects.requireNonNull(user, "user");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
    }

    public String id() {
        return id;
    }

    public String user() {
        return user;
    }

    public String conversation() {
        return conversation;
    }

    /** Stops the turn (the person left); the partial reply is kept. Harmless after the end. */
    public void cancel(String why) {
        cancel.cancel(why);
    }

    CancelSignal signal() {
        return cancel;
    }
}
