package dev.chatactions.core.testing;

import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scriptable model: each turn takes the next script (the last one repeats), sends its deltas,
 * optionally waits (for a gate, or until cancelled) and ends as scripted. Records every request.
 */
public final class FakeAssistant implements AssistantPort {

    /** @param gate when not null, the turn waits for it after the deltas (or ends cancelled when cancelled first) */
    private record Script(List<String> deltas, TurnEnd end, CountDownLatch gate) {}

    private final Deque<Script> scripts = new ArrayDeque<>();
    private Script last = new Script(List.of("ok"), completed(), null);
    private final List<AssistantRequest> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstCall = new CountDownLatch(1);

    public static TurnEnd completed() {
        return new TurnEnd.Completed("fake-session", "end_turn", new TurnEnd.Usage(1, 1), null);
    }

    /** The next turn sends {@code deltas}, then ends with {@code end}. */
    public synchronized FakeAssistant then(TurnEnd end, String... deltas) {
        scripts.add(new Script(List.of(deltas), end, null));
        return this;
    }

    /** The next turn sends {@code deltas}, then waits until {@code gate} opens (then completes) or it is cancelled. */
    public synchronized FakeAssistant thenWaitFor(CountDownLatch gate, String... deltas) {
        scripts.add(new Script(List.of(deltas), completed(), gate));
        return this;
    }

    /** The next turn sends {@code deltas}, then hangs until cancelled. */
    public FakeAssistant thenHang(String... deltas) {
        return thenWaitFor(new CountDownLatch(1), deltas);
    }

    public List<AssistantRequest> requests() {
        return List.copyOf(requests);
    }

    /** Waits until a turn has sent its deltas (at most 10 s). */
    public boolean awaitCall() throws InterruptedException {
        return firstCall.await(10, TimeUnit.SECONDS);
    }

    @Override
    public TurnEnd converse(AssistantRequest request, Consumer<String> deltas, CancelSignal cancel) {
        Script script;
        synchronized (this) {
            script = scripts.isEmpty() ? last : scripts.poll();
            last = script;
        }
        requests.add(request);
        for (String delta : script.deltas()) {
            if (cancel.isCancelled()) {
                return new TurnEnd.Cancelled(cancel.reason());
            }
            try {
                deltas.accept(delta);
            } catch (RuntimeException e) {
                return new TurnEnd.Failed("the reader failed: " + e.getMessage(), true);
            }
        }
        firstCall.countDown();
        if (script.gate() != null) {
            CountDownLatch stop = new CountDownLatch(1);
            cancel.onCancel(stop::countDown);
            while (script.gate().getCount() > 0 && stop.getCount() > 0) {
                try {
                    stop.await(5, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new TurnEnd.Failed("interrupted", true);
                }
            }
        }
        return cancel.isCancelled() ? new TurnEnd.Cancelled(cancel.reason()) : script.end();
    }
}
