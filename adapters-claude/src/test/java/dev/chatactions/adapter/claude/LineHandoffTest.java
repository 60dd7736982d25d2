package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineHandoffTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void a_writer_waits_once_its_pending_lines_fill_the_budget_and_goes_on_as_they_are_taken() throws Exception {
        LineHandoff handoff = new LineHandoff(50);
        AtomicInteger handed = new AtomicInteger();
        Thread writer = started(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    handoff.putLine(tenChars(i), () -> false); // 11 chars with its end
                    handed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        awaitTrue(() -> handed.get() == 4 && writer.getState() == Thread.State.TIMED_WAITING);
        assertThat(handed).hasValue(4); // a fifth would make 55 chars pending

        List<String> taken = new ArrayList<>();
        taken.add(((LineHandoff.Line) handoff.poll(SECOND)).text());
        awaitTrue(() -> handed.get() == 5 && writer.getState() == Thread.State.TIMED_WAITING);

        while (taken.size() < 10) {
            taken.add(((LineHandoff.Line) handoff.poll(SECOND)).text());
        }
        writer.join(5_000);
        assertThat(writer.isAlive()).isFalse();
        assertThat(taken).containsExactly(IntStream.range(0, 10).mapToObj(LineHandoffTest::tenChars).toArray(String[]::new));
        assertThat(handoff.poll(0)).isNull();
    }

    @Test
    void a_line_longer_than_the_budget_passes_alone() throws Exception {
        LineHandoff handoff = new LineHandoff(10);
        String longLine = "x".repeat(1000);

        assertThat(handoff.putLine(longLine, () -> false)).isTrue();
        assertThat(handoff.putLine("y", () -> true)).isFalse();

        assertThat(((LineHandoff.Line) handoff.poll(SECOND)).text()).isEqualTo(longLine);
        assertThat(handoff.putLine("y", () -> true)).isTrue();
        assertThat(((LineHandoff.Line) handoff.poll(SECOND)).text()).isEqualTo("y");
    }

    @Test
    void a_writer_stops_waiting_once_the_turn_has_stopped_and_its_line_is_dropped() throws Exception {
        LineHandoff handoff = new LineHandoff(5);
        handoff.putLine("abcd", () -> false);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger results = new AtomicInteger(-1);
        Thread writer = started(() -> {
            try {
                results.set(handoff.putLine("more", stopped::get) ? 1 : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitTrue(() -> writer.getState() == Thread.State.TIMED_WAITING);

        stopped.set(true);
        writer.join(5_000);

        assertThat(results).hasValue(0);
        assertThat(((LineHandoff.Line) handoff.poll(SECOND)).text()).isEqualTo("abcd");
        assertThat(handoff.poll(0)).isNull();
    }

    @Test
    void signals_never_wait_and_keep_their_place_among_the_lines() throws Exception {
        LineHandoff handoff = new LineHandoff(3);
        handoff.putLine("ab", () -> false);

        handoff.signal(LineHandoff.Signal.END_OF_OUTPUT);
        handoff.signal(LineHandoff.Signal.WAKE);

        assertThat(((LineHandoff.Line) handoff.poll(SECOND)).text()).isEqualTo("ab");
        assertThat(handoff.poll(SECOND)).isEqualTo(LineHandoff.Signal.END_OF_OUTPUT);
        assertThat(handoff.poll(SECOND)).isEqualTo(LineHandoff.Signal.WAKE);
    }

    @Test
    void a_budget_below_one_char_is_refused() {
        assertThatThrownBy(() -> new LineHandoff(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String tenChars(int i) {
        return "line " + i + "....";
    }

    private static Thread started(Runnable body) {
        Thread thread = new Thread(body, "line-handoff-writer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s for the writer").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
