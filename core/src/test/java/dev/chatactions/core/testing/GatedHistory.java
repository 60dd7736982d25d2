package dev.chatactions.core.testing;

import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** A history whose full read ({@link #all}) waits until the test {@link #open opens} it: a long start-up restore. */
public final class GatedHistory extends DelegatingHistory {

    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile HistoryException unreadable;

    public GatedHistory(HistoryPort history) {
        super(history);
    }

    /** Lets every waiting and later full read go on. */
    public void open() {
        gate.countDown();
    }

    /** Full reads fail with {@code failure} from now on, once open. */
    public void failWith(HistoryException failure) {
        unreadable = failure;
    }

    @Override
    public Stream<HistoryRecord> all() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("interrupted while waiting to read (test)");
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return super.all();
    }
}
