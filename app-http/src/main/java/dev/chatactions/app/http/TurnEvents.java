package dev.chatactions.app.http;

import dev.chatactions.core.conversation.ConverseUseCase.TurnListener;
import dev.chatactions.core.conversation.ConverseUseCase.TurnResult;
import dev.chatactions.core.conversation.ConverseUseCase.TurnStatus;
import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.conversation.RunningTurn;
import dev.chatactions.core.service.Proposal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One turn's server-sent events ({@code delta}, {@code marker}, {@code done}), kept in order so a
 * client that connects late or comes back first gets every event so far, then the rest.
 */
final class TurnEvents implements TurnListener {

    /** @param id the event's position (SSE {@code id}, echoed back as {@code Last-Event-ID}) */
    record Event(int id, String name, String data) {}

    private final String user;
    private final String conversation;
    private final String message;
    private final AssistantTextRenderer renderer;
    private final Consumer<TurnEvents> onDone;
    private final List<Event> events = new ArrayList<>();
    private RunningTurn turn;
    private boolean finished;
    private int listeners;

    /**
     * @param message what the person sent (the "try again" button sends it again)
     * @param onDone runs once, when the {@code done} event is stored and the turn {@linkplain #attach attached}
     */
    TurnEvents(String user, String conversation, String message, AssistantTextRenderer renderer, Consumer<TurnEvents> onDone) {
        this.user = Objects.requireNonNull(user, "user");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.message = Objects.requireNonNull(message, "message");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.onDone = Objects.requireNonNull(onDone, "onDone");
    }

    /** Names the turn these events belong to; {@code onDone} waits for it, since a quick turn may end first. */
    void attach(RunningTurn running) {
        boolean ended;
        synchronized (this) {
            turn = running;
            ended = finished;
        }
        if (ended) {
            onDone.accept(this);
        }
    }

    synchronized String turnId() {
        return turn.id();
    }

    boolean belongsTo(String user, String conversation) {
        return this.user.equals(user) && this.conversation.equals(conversation);
    }

    @Override
    public void delta(String text) {
        add("delta", Map.of("text", text));
    }

    @Override
    public void marker(MarkerReview marker) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", marker.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        data.put("type", marker.type());
        Proposal proposal = marker instanceof MarkerReview.Offered offered ? offered.proposal() : null;
        data.put("proposal", proposal == null ? null : proposal.id());
        data.put("digest", proposal == null ? null : proposal.digest());
        data.put("reasons", marker instanceof MarkerReview.Refused refused ? refused.reasons()
                : marker instanceof MarkerReview.Broken broken ? List.of(broken.reason()) : List.of());
        data.put("html", renderer.markerHtml(marker, false));
        data.put("start", marker.start());
        data.put("end", marker.end());
        add("marker", data);
    }

    /** The end: status, the reason in one sentence, and the reply as the page shows it from now on (Markdown, live buttons). */
    @Override
    public void done(TurnResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", result.status().name().toLowerCase(Locale.ROOT));
        data.put("reason", result.reason());
        data.put("retryable", result.retryable());
        String html = renderer.render(user, conversation, result.reply());
        if (result.status() != TurnStatus.COMPLETED) {
            html += ChatHtml.cutShort(result.reason(), conversation, result.retryable() ? message : null);
        }
        data.put("html", html);
        boolean attached;
        synchronized (this) {
            add("done", data);
            finished = true;
            attached = turn != null;
        }
        if (attached) {
            onDone.accept(this);
        }
    }

    private synchronized void add(String name, Map<String, ?> data) {
        events.add(new Event(events.size(), name, new String(Responses.bytes(data), StandardCharsets.UTF_8)));
        notifyAll();
    }

    /** The events from position {@code from} on, waiting up to {@code wait} for one when there is none yet. */
    synchronized List<Event> await(int from, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (events.size() <= from && !finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return from >= events.size() ? List.of() : List.copyOf(events.subList(Math.max(0, from), events.size()));
    }

    synchronized boolean finished() {
        return finished;
    }

    synchronized int size() {
        return events.size();
    }

    synchronized void listenerJoined() {
        listeners++;
    }

    /** @return the listeners left */
    synchronized int listenerLeft() {
        return --listeners;
    }

    synchronized int listeners() {
        return listeners;
    }

    /** Stops the turn (the page was closed); harmless once it has ended. */
    void cancel(String why) {
        RunningTurn running;
        synchronized (this) {
            running = turn;
        }
        if (running != null) {
            running.cancel(why);
        }
    }
}
