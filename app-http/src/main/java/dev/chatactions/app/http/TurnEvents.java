package dev.chatactions.app.http;

import dev.chatactions.core.conversation.ConverseUseCase.TurnListener;
import dev.chatactions.core.conversation.ConverseUseCase.TurnResult;
import dev.chatactions.core.conversation.ConverseUseCase.TurnStatus;
import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.conversation.RunningTurn;
import dev.chatactions.core.service.Proposal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One turn's server-sent events ({@code delta}, {@code marker}, {@code done}), kept in order so a
 * client that connects late or comes back first gets every event so far, then the rest. An event's
 * {@code id} is its position, echoed back as {@code Last-Event-ID}.
 *
 * <p>The reply text is the core's ({@link RunningTurn#reply()}, kept once), and each delta only where
 * it ends in it (4 bytes); a delta's JSON is written straight into the reading client's buffer when
 * it reads it. After {@link #SEPARATE_DELTAS} events the model's deltas are merged, an event once
 * {@link #MERGED_DELTA_CHARS} chars are waiting (and before a marker or the end), so the events of a
 * turn are bounded by the reply cap too, whatever the sizes of the model's deltas.
 */
final class TurnEvents implements TurnListener {

    /** At most this many events per {@link #await}: a late client of a long reply reads it in parts, not in one copy. */
    static final int MAX_BATCH = 1024;
    /**
     * And at most about this many bytes (one more event at most): a slow client's batch waits in
     * memory, in its stream's buffer, as long as the client takes to read it.
     */
    static final int MAX_BATCH_BYTES = 8192;
    /** Up to this many events each model delta is an event of its own: what a reply of usual length streams as. */
    static final int SEPARATE_DELTAS = 2048;
    /** Then a delta event carries at least this many chars, so a reply at the cap has a few hundred more events, not one per char. */
    static final int MERGED_DELTA_CHARS = 64;

    private final String user;
    private final String conversation;
    private final String message;
    private final AssistantTextRenderer renderer;
    private final Consumer<TurnEvents> onDone;
    /** The reply's length as far as the deltas told, never ahead of the core's text. */
    private int textLength;
    /**
     * Per event: {@link #textLength} once it was stored; a delta's text ends there and starts at the
     * previous one's. Deltas are never empty, so an event that adds no text is a marker or done.
     */
    private int[] textEnds = new int[64];
    private int size;
    /** The marker events' data (UTF-8 JSON) by position (at most {@code MarkerStream.MAX_MARKERS} and one broken). */
    private final Map<Integer, byte[]> markers = new HashMap<>();
    private byte[] doneData;
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
    public void delta(String piece) {
        if (piece.isEmpty()) {
            return; // an empty delta would be an event that says nothing
        }
        synchronized (this) {
            textLength += piece.length();
            if (size < SEPARATE_DELTAS || textLength - storedTextEnd() >= MERGED_DELTA_CHARS) {
                stored();
            }
        }
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
        byte[] json = Responses.bytes(data);
        synchronized (this) {
            storeWaitingText();
            markers.put(size, json);
            stored();
        }
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
        byte[] json = Responses.bytes(data);
        boolean attached;
        synchronized (this) {
            storeWaitingText();
            doneData = json;
            stored();
            finished = true;
            textEnds = Arrays.copyOf(textEnds, size); // a finished turn is kept for late clients: at its size
            attached = turn != null;
        }
        if (attached) {
            onDone.accept(this);
        }
    }

    /** Appends the event just stored (the caller holds the lock) and wakes the clients waiting for it. */
    private void stored() {
        if (size == textEnds.length) {
            textEnds = Arrays.copyOf(textEnds, size + Math.max(size >> 1, 16)); // by half: at most a third unused
        }
        textEnds[size++] = textLength;
        notifyAll();
    }

    /** Where the text of the events so far ends (the caller holds the lock). */
    private int storedTextEnd() {
        return size == 0 ? 0 : textEnds[size - 1];
    }

    /** Makes merged deltas not yet stored an event (the caller holds the lock): a marker or the end comes after its text. */
    private void storeWaitingText() {
        if (textLength > storedTextEnd()) {
            stored();
        }
    }

    /**
     * Appends the events from position {@code from} on (at most {@link #MAX_BATCH}, and no more once
     * they took {@link #MAX_BATCH_BYTES}) to {@code out} as {@code text/event-stream}, waiting up to
     * {@code wait} for one when there is none yet.
     *
     * @return how many events were appended
     */
    synchronized int await(int from, Duration wait, EventStreamBuffer out) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (size <= from && !finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        int first = Math.max(0, from);
        int end = Math.min(size, first + MAX_BATCH);
        int before = out.length();
        int id = first;
        while (id < end && out.length() - before < MAX_BATCH_BYTES) {
            append(id++, out);
        }
        return Math.max(0, id - first);
    }

    private void append(int id, EventStreamBuffer out) {
        int start = id == 0 ? 0 : textEnds[id - 1];
        out.ascii("id: ").number(id);
        if (start < textEnds[id]) {
            out.ascii("\nevent: delta\ndata: {\"text\":").jsonString(turn.reply(), start, textEnds[id]).ascii("}\n\n");
        } else if (finished && id == size - 1) {
            out.ascii("\nevent: done\ndata: ").bytes(doneData).ascii("\n\n");
        } else {
            out.ascii("\nevent: marker\ndata: ").bytes(markers.get(id)).ascii("\n\n");
        }
    }

    /**
     * What this turn's events hold in bytes, counted from its structures (each char of the text as 2
     * bytes, arrays at their capacity), without the few fixed fields: the figure issue #15 bounds by the reply cap.
     */
    synchronized long retainedBytes() {
        long bytes = 2L * (turn == null ? 0 : turn.reply().capacity()) + (doneData == null ? 0 : doneData.length);
        for (byte[] marker : markers.values()) {
            bytes += marker.length;
        }
        return bytes + 4L * textEnds.length;
    }

    synchronized boolean finished() {
        return finished;
    }

    synchronized int size() {
        return size;
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
