package dev.chatactions.adapter.claude;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process and every descendant seen while it ran. A child that outlives its parent is no longer
 * its descendant, so the tree is refreshed as the turn goes on and the kill covers all it has seen.
 */
final class ProcessTree {

    /** How often {@link #refreshNowAndThen} looks: listing descendants reads every process of the machine. */
    static final long REFRESH_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Process root;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private long refreshed = System.nanoTime() - REFRESH_EVERY_NANOS;

    ProcessTree(Process root) {
        this.root = root;
        seen.add(root.toHandle());
    }

    /** Remembers the descendants alive now. */
    void refresh() {
        root.descendants().forEach(seen::add);
    }

    /**
     * {@link #refresh} at most every 100 ms, for the one thread that watches the turn: a listing costs
     * about a millisecond, and a model's lines can come thousands a second (64 turns at once made it
     * the server's main work).
     */
    void refreshNowAndThen() {
        long now = System.nanoTime();
        if (now - refreshed >= REFRESH_EVERY_NANOS) {
            refreshed = now;
            refresh();
        }
    }

    /** True while the root or a descendant seen is alive. */
    boolean anyAlive() {
        return seen.stream().anyMatch(ProcessHandle::isAlive);
    }

    /**
     * Asks every process of the tree to stop (SIGTERM), gives them {@code grace}, then kills what
     * is left (SIGKILL) and reaps the root.
     */
    void kill(Duration grace) {
        if (root.isAlive()) {
            refresh();
        }
        seen.forEach(ProcessHandle::destroy);
        awaitAllGone(grace);
        seen.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            root.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // An orphan killed with its parent is reaped by init a moment later.
        awaitAllGone(grace);
    }

    private void awaitAllGone(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (anyAlive() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
