package dev.chatactions.app.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for reading a request's headers (from the end of its request line) and, around
 * {@link RequestBodies}, its body. Helidon 4.2 sets no read timeout on accepted sockets, so a
 * client could dribble a header or a body byte by byte for ever. Each connection runs on its own
 * virtual thread; at the deadline that thread is interrupted, which closes a socket it is blocked
 * reading (JDK 21 virtual-thread semantics), and the connection ends.
 */
final class ReadDeadlines implements Http1ConnectionListener, Filter {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /** One armed deadline; it fires only if it is still the reader's current one. */
    private final class Deadline implements Runnable {
        private final Thread reader;
        private volatile ScheduledFuture<?> timer;

        Deadline(Thread reader) {
            this.reader = reader;
        }

        @Override
        public void run() {
            if (armed.remove(reader, this)) {
                reader.interrupt();
            }
        }

        void cancel() {
            ScheduledFuture<?> scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    private final Duration timeout;
    private final Map<Thread, Deadline> armed = new ConcurrentHashMap<>();

    ReadDeadlines(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The request line is in: the headers must follow within the timeout. */
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        arm();
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        disarm();
    }

    /** Makes this instance reachable from the request, for {@link RequestBodies}. */
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(this);
        chain.proceed();
    }

    /** Starts the deadline for what the current thread reads next. */
    void arm() {
        Deadline deadline = new Deadline(Thread.currentThread());
        Deadline previous = armed.put(deadline.reader, deadline);
        if (previous != null) {
            previous.cancel();
        }
        deadline.timer = TIMER.schedule(deadline, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The read finished in time (or the connection ended): the deadline no longer applies. */
    void disarm() {
        Deadline deadline = armed.remove(Thread.currentThread());
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chat-actions-read-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Most deadlines are met and cancelled: drop them from the queue at once rather than when due.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
