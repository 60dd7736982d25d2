package dev.chatactions.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retry decisions, with a scripted transport and a sleeper that only records. */
class UpstreamCallerTest {

    private static final PlannedRequest READ = PlannedRequest.get(URI.create("https://up.example/api/things"));
    private static final PlannedRequest CREATE =
            PlannedRequest.postJson(URI.create("https://up.example/api/things"), Payload.of(Map.of("a", "b")));

    private final Deque<Object> script = new ArrayDeque<>();
    private final List<PlannedRequest> sent = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final UpstreamCaller caller = new UpstreamCaller("Up", "UP_URL", this::answer,
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10), waits::add,
                    Clock.fixed(Instant.parse("2026-11-23T20:00:00Z"), ZoneOffset.UTC)));

    private UpstreamAnswer answer(PlannedRequest request) throws TransportException {
        sent.add(request);
        Object next = script.removeFirst();
        if (next instanceof TransportException e) {
            throw e;
        }
        return (UpstreamAnswer) next;
    }

    private static UpstreamAnswer status(int status, String... retryAfter) {
        return new UpstreamAnswer(status, retryAfter.length == 0 ? Map.of() : Map.of("Retry-After", List.of(retryAfter)), "says " + status);
    }

    private static TransportException problem(TransportException.Problem problem) {
        return new TransportException(problem, new IOException("x"));
    }

    @AfterEach
    void everyScriptedStepWasUsed() {
        assertThat(script).isEmpty();
    }

    @Test
    void a_read_is_repeated_after_5xx_and_lost_answers_with_growing_backoff() {
        script.add(status(502));
        script.add(problem(TransportException.Problem.ANSWER_LOST));
        script.add(status(200));

        assertThat(caller.send(READ).status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void a_read_gives_up_after_the_last_attempt_as_unavailable_and_safe_to_retry() {
        script.add(status(500));
        script.add(status(500));
        script.add(status(500));

        Failure failure = catchThrowableOfType(UpstreamException.class, () -> caller.send(READ)).failure();

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.response().body().fields()).containsEntry("message", "says 500");
        assertThat(sent).hasSize(3);
    }

    @Test
    void a_create_is_repeated_when_the_connection_was_refused() {
        script.add(problem(TransportException.Problem.NOT_SENT));
        script.add(status(201));

        assertThat(caller.send(CREATE).status()).isEqualTo(201);
        assertThat(sent).hasSize(2);
    }

    @Test
    void a_create_whose_answer_was_lost_is_never_repeated() {
        script.add(problem(TransportException.Problem.ANSWER_LOST));

        Failure failure = catchThrowableOfType(UpstreamException.class, () -> caller.send(CREATE)).failure();

        assertThat(failure.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.message()).contains("outcome is unknown");
        assertThat(sent).hasSize(1);
    }

    @Test
    void a_create_honours_retry_after_on_429_and_503_only() {
        script.add(status(429, "2"));
        script.add(status(503, "Mon, 23 Nov 2026 20:00:05 GMT"));
        script.add(status(201));

        assertThat(caller.send(CREATE).status()).isEqualTo(201);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void a_create_is_not_repeated_after_500_and_may_have_happened() {
        script.add(status(500, "1"));

        Failure failure = catchThrowableOfType(UpstreamException.class, () -> caller.send(CREATE)).failure();

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.retryable()).isFalse();
        assertThat(sent).hasSize(1);
    }

    @Test
    void a_retry_after_beyond_the_cap_ends_the_retries() {
        script.add(status(429, "3600"));

        Failure failure = catchThrowableOfType(UpstreamException.class, () -> caller.send(CREATE)).failure();

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
        assertThat(waits).isEmpty();
    }

    @Test
    void a_redirect_is_a_rejection_that_names_the_setting() {
        script.add(new UpstreamAnswer(302, Map.of("Location", List.of("https://elsewhere.example/")), ""));

        Failure failure = catchThrowableOfType(UpstreamException.class, () -> caller.send(READ)).failure();

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.message()).contains("redirect", "not followed", "UP_URL", "https://elsewhere.example/");
    }

    @Test
    void an_interrupt_while_waiting_is_kept_and_the_create_is_unknown() {
        UpstreamCaller interrupted = new UpstreamCaller("Up", "UP_URL", request -> {
            throw new InterruptedException();
        }, RetryPolicy.DEFAULT);

        Failure failure = catchThrowableOfType(UpstreamException.class, () -> interrupted.send(CREATE)).failure();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(failure.kind()).isEqualTo(Failure.Kind.ANSWER_LOST);
    }
}
