package dev.chatactions.adapter.claude;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What a turn's stdout thread has read and the turn has not handled yet: at most {@code budget}
 * chars of lines (one longer line passes alone). A model that writes faster than the turn hands its
 * text on then waits in its pipe, not in our heap; counted in lines, 256 pending lines of up to the
 * line cap each were a quarter of a GiB per turn.
 */
final class LineHandoff {

    /** What the stdout thread hands to the turn. */
    sealed interface Event permits Line, Signal {}

    /** A line read, and the chars of room it holds until the turn takes it. */
    record Line(String text, int weight) implements Event {}

    enum Signal implements Event { TOO_LONG, END_OF_OUTPUT, WAKE }

    private static final long RECHECK_MILLIS = 50;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int budget;

    LineHandoff(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("a hand-off budget must be at least 1 char, got " + budget);
        }
        this.budget = budget;
        this.room = new Semaphore(budget);
    }

    /**
     * Hands a line on once there is room for it.
     *
     * @return false, with the line dropped, when {@code stopped} turned true while it waited
     */
    boolean putLine(String text, BooleanSupplier stopped) throws InterruptedException {
        int weight = Math.min(text.length() + 1, budget);
        while (!room.tryAcquire(weight, RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
            if (stopped.getAsBoolean()) {
                return false;
            }
        }
        events.add(new Line(text, weight));
        return true;
    }

    /** A signal never waits: there are at most a few per turn. */
    void signal(Signal signal) {
        events.add(signal);
    }

    /** The next event within {@code nanos}, or null; taking a line frees its room. */
    Event poll(long nanos) throws InterruptedException {
        Event event = events.poll(nanos, TimeUnit.NANOSECONDS);
        if (event instanceof Line line) {
            room.release(line.weight());
        }
        return event;
    }
}
