package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AssistantPort} must do: hand the reply on in order and one piece at a time,
 * end with a value (never null, never thrown), and stop promptly, leaving nothing running, when
 * the turn is cancelled. Extend it with the ways to make the implementation reply and hang.
 */
public abstract class AssistantPortContract {

    /** How long a cancelled turn may take to end. */
    protected static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** A port whose next turn replies with exactly {@code pieces}, in this order, and completes. */
    protected abstract AssistantPort replying(List<String> pieces);

    /** A port whose next turn replies with {@code first} and then waits forever (within its own limits). */
    protected abstract AssistantPort hangingAfter(String first);

    protected static AssistantRequest request(String message) {
        return new AssistantRequest("alice", "0123456789ab", message, UUID.randomUUID(), false, "You propose actions.");
    }

    @Test
    void the_reply_arrives_in_order_and_the_turn_completes() {
        List<String> pieces = List.of("Here ", "is <action type=\"issue-create\">", "{\"title\":\"x\"}", "</action> done.");
        List<String> received = new CopyOnWriteArrayList<>();

        TurnEnd end = replying(pieces).converse(request("hello"), received::add, new CancelSignal());

        assertThat(end).isInstanceOf(TurnEnd.Completed.class);
        assertThat(String.join("", received)).isEqualTo(String.join("", pieces));
    }

    @Test
    void the_reply_is_handed_on_one_piece_at_a_time() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> pieces = List.of("a", "b", "c", "d", "e", "f", "g", "h");

        TurnEnd end = replying(pieces).converse(request("hello"), piece -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            inside.decrementAndGet();
        }, new CancelSignal());

        assertThat(end).isInstanceOf(TurnEnd.Completed.class);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void a_cancelled_turn_ends_promptly_as_cancelled_and_keeps_what_came() throws Exception {
        CancelSignal cancel = new CancelSignal();
        CountDownLatch started = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        AssistantPort port = hangingAfter("partial ");

        CompletableFuture<TurnEnd> turn = CompletableFuture.supplyAsync(() -> port.converse(request("hello"), piece -> {
            received.add(piece);
            started.countDown();
        }, cancel));
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the first piece arrived").isTrue();
        cancel.cancel("the person left");

        TurnEnd end = turn.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(end).isEqualTo(new TurnEnd.Cancelled("the person left"));
        assertThat(String.join("", received)).isEqualTo("partial ");
    }

    @Test
    void a_turn_cancelled_before_it_starts_hands_on_nothing() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel("too late");
        List<String> received = new CopyOnWriteArrayList<>();

        TurnEnd end = replying(List.of("never")).converse(request("hello"), received::add, cancel);

        assertThat(end).isEqualTo(new TurnEnd.Cancelled("too late"));
        assertThat(received).isEmpty();
    }

    @Test
    void a_reader_that_throws_ends_the_turn_with_a_value() {
        TurnEnd end = replying(List.of("one", "two")).converse(request("hello"), piece -> {
            throw new IllegalStateException("the page went away");
        }, new CancelSignal());

        assertThat(end).isNotNull().isNotInstanceOf(TurnEnd.Completed.class);
    }
}
