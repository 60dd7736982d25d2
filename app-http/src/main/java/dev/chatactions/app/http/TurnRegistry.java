package dev.chatactions.app.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The turns whose events can be read: running ones, and finished ones for {@link #KEEP_FINISHED}
 * (at most {@link #MAX_FINISHED}, holding at most {@link #MAX_FINISHED_BYTES}; the oldest go first,
 * and the history has everything). When the last client of a
 * running turn leaves and none comes back within {@link #GRACE}, the turn is cancelled: the page was closed.
 */
final class TurnRegistry implements AutoCloseable {

    static final Duration KEEP_FINISHED = Duration.ofMinutes(5);
    static final Duration GRACE = Duration.ofSeconds(10);
    static final int MAX_FINISHED = 256;
    /** What the finished turns may hold ({@link TurnEvents#retainedBytes()}), so that they fit a small heap beside the running ones. */
    static final long MAX_FINISHED_BYTES = 4L << 20;

    private final Map<String, TurnEvents> turns = new ConcurrentHashMap<>();
    /** The finished turns kept, oldest first, and the sum of their bytes; guarded by {@link #finished}. */
    private final ArrayDeque<Finished> finished = new ArrayDeque<>();
    private long finishedBytes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chat-turn-timer").daemon(true).factory());
    private final Duration grace;

    TurnRegistry(Duration grace) {
        this.grace = grace;
    }

    void add(TurnEvents events) {
        turns.put(events.turnId(), events);
    }

    Optional<TurnEvents> find(String turn) {
        return Optional.ofNullable(turns.get(turn));
    }

    /** Called once a turn's {@code done} is stored: keep its events a while, within the bound. */
    void finished(TurnEvents events) {
        Finished turn = new Finished(events.turnId(), events.retainedBytes());
        synchronized (finished) {
            finished.add(turn);
            finishedBytes += turn.bytes();
            while (finished.size() > MAX_FINISHED || finishedBytes > MAX_FINISHED_BYTES) {
                forget(finished.peek());
            }
        }
        timer.schedule(() -> {
            synchronized (finished) {
                forget(turn);
            }
        }, KEEP_FINISHED.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Finished(String turn, long bytes) {}

    /** Drops a finished turn's events, if still kept (the caller holds the lock). */
    private void forget(Finished turn) {
        if (finished.remove(turn)) {
            finishedBytes -= turn.bytes();
            turns.remove(turn.turn());
        }
    }

    /** A client stopped reading; if it was the last and none returns within the grace, the turn stops. */
    void listenerLeft(TurnEvents events) {
        if (events.listenerLeft() == 0 && !events.finished()) {
            timer.schedule(() -> {
                if (events.listeners() == 0) {
                    events.cancel("The page was closed, so the reply was stopped.");
                }
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the timer and every turn still running (their replies are recorded as cut short). */
    @Override
    public void close() {
        timer.shutdownNow();
        turns.values().stream().filter(events -> !events.finished()).forEach(events -> events.cancel("The server is stopping."));
    }
}
