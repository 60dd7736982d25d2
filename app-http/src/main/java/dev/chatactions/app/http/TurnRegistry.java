package dev.chatactions.app.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The turns whose events can be read: running ones, and finished ones for {@link #KEEP_FINISHED}
 * (at most {@link #MAX_FINISHED}; after that the history has everything). When the last client of a
 * running turn leaves and none comes back within {@link #GRACE}, the turn is cancelled: the page was closed.
 */
final class TurnRegistry implements AutoCloseable {

    static final Duration KEEP_FINISHED = Duration.ofMinutes(5);
    static final Duration GRACE = Duration.ofSeconds(10);
    static final int MAX_FINISHED = 256;

    private final Map<String, TurnEvents> turns = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> finished = new ConcurrentLinkedDeque<>();
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
        String turn = events.turnId();
        finished.add(turn);
        while (finished.size() > MAX_FINISHED) {
            String oldest = finished.poll();
            if (oldest != null) {
                turns.remove(oldest);
            }
        }
        timer.schedule(() -> {
            finished.remove(turn);
            turns.remove(turn);
        }, KEEP_FINISHED.toMillis(), TimeUnit.MILLISECONDS);
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
