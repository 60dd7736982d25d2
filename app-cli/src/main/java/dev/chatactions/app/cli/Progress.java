package dev.chatactions.app.cli;

import java.io.PrintWriter;

/**
 * A counter on one stderr line ({@code replay 120/4000}) for long work, shown only when a person
 * watches a terminal: scripts get nothing. Redrawn at most once per percent.
 */
public final class Progress implements AutoCloseable {

    private static final int REDRAWS = 100;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final long redrawEvery;
    private long done;

    private Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.redrawEvery = Math.max(1, total / REDRAWS);
    }

    /** A counter to {@code total}; silent unless {@link CliContext#terminal()}. */
    public static Progress of(CliContext context, String label, long total) {
        return new Progress(context.terminal() ? context.err() : null, label, total);
    }

    /** One more item done. */
    public void step() {
        done++;
        if (err != null && (done % redrawEvery == 0 || done == total)) {
            err.print("\r" + label + " " + done + "/" + total);
            err.flush();
        }
    }

    /** Clears the counter line, so that what follows starts on a clean line. */
    @Override
    public void close() {
        if (err != null && done > 0) {
            err.print("\r" + " ".repeat(label.length() + 2 * String.valueOf(total).length() + 2) + "\r");
            err.flush();
        }
    }
}
