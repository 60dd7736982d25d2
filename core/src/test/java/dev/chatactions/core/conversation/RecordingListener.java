package dev.chatactions.core.conversation;

import dev.chatactions.core.conversation.ConverseUseCase.TurnListener;
import dev.chatactions.core.conversation.ConverseUseCase.TurnResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps what a turn announced, in order, and lets a test wait for the first marker and for the end. */
class RecordingListener implements TurnListener {

    final List<Object> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstMarker = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile TurnResult result;

    @Override
    public void delta(String text) {
        events.add(text);
    }

    @Override
    public void marker(MarkerReview marker) {
        events.add(marker);
        firstMarker.countDown();
    }

    @Override
    public void done(TurnResult ended) {
        events.add(ended);
        result = ended;
        done.countDown();
    }

    MarkerReview awaitMarker() throws InterruptedException {
        if (!firstMarker.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no marker announced within 10 s");
        }
        return events.stream().filter(MarkerReview.class::isInstance).map(MarkerReview.class::cast).findFirst().orElseThrow();
    }

    TurnResult awaitDone() throws InterruptedException {
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the turn did not end within 10 s");
        }
        return result;
    }

    List<String> deltas() {
        return events.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
