package dev.chatactions.core.port;

import java.util.ArrayList;
import java.util.List;

/** A one-way switch that asks a running turn to stop. Thread-safe; firing twice is harmless. */
public final class CancelSignal {

    private final List<Runnable> listeners = new ArrayList<>();
    private String reason;

    /** Fires the signal; listeners run once, on the calling thread. The first reason wins. */
    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why == null ? "cancelled" : why;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return reason != null;
    }

    /** Why it was fired, or null while it has not been. */
    public synchronized String reason() {
        return reason;
    }

    /** Runs {@code listener} when the signal fires, or at once if it already has. */
    public void onCancel(Runnable listener) {
        synchronized (this) {
            if (reason == null) {
                listeners.add(listener);
                return;
            }
        }
        listener.run();
    }
}
