package dev.chatactions.core.conversation;

import dev.chatactions.core.port.CancelSignal;
import java.util.Objects;

/** A started turn: its id, the switch that stops it, and its reply so far. */
public final class RunningTurn {

    private final String id;
    private final String user;
    private final String conversation;
    private final CancelSignal cancel = new CancelSignal();
    private final ReplyText reply;

    RunningTurn(String id, String user, String conversation, int maxReplyChars) {
        this.id = Objects.requireNonNull(id, "id");
        this.user = Objects.requireNonNull(user, "user");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.reply = new ReplyText(maxReplyChars);
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

    /** The reply as far as it came; the one copy of it, so a listener need not keep its own. */
    public ReplyText reply() {
        return reply;
    }

    CancelSignal signal() {
        return cancel;
    }
}
