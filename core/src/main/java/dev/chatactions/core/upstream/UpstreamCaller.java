package dev.chatactions.core.upstream;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.port.UpstreamResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends requests through a {@link Transport}, repeating a request only where the repeat cannot
 * create anything twice, and turns answers that no adapter wants to interpret (redirects, 429,
 * 5xx, no answer at all) into {@link UpstreamException}s.
 *
 * <ul>
 *   <li>Reads (GET) are repeated after any 429/5xx, connection failure or timeout.
 *   <li>Anything else is repeated only when it certainly never reached the server (connection
 *       refused), or when the server said 429/503 with a {@code Retry-After} it wants honoured.
 *   <li>A request sent whose answer never came is {@link Failure.Kind#ANSWER_LOST}, never repeated.
 * </ul>
 */
public final class UpstreamCaller {

    private final String service;
    private final String urlSetting;
    private final Transport transport;
    private final RetryPolicy policy;

    /**
     * @param service the upstream's name in messages, e.g. {@code Forgejo}
     * @param urlSetting the setting to check when the server cannot be reached, e.g. {@code FORGE_URL}
     */
    public UpstreamCaller(String service, String urlSetting, Transport transport, RetryPolicy policy) {
        this.service = Objects.requireNonNull(service, "service");
        this.urlSetting = Objects.requireNonNull(urlSetting, "urlSetting");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Sends {@code request}; returns the 2xx or 4xx answer for the adapter to interpret.
     *
     * @throws UpstreamException for a redirect, a 429/5xx that retries did not cure, or no answer
     */
    public UpstreamAnswer send(PlannedRequest request) {
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                UpstreamAnswer answer = transport.send(request);
                if (answer.status() >= 300 && answer.status() < 400) {
                    throw new UpstreamException(redirected(request, answer));
                }
                if (!isTemporary(answer.status())) {
                    return answer;
                }
                wait = waitAfterTemporary(request, answer, attempt)
                        .orElseThrow(() -> new UpstreamException(unavailable(request, answer)));
            } catch (TransportException e) {
                boolean repeatable = request.isRead() || e.problem() == TransportException.Problem.NOT_SENT;
                if (!repeatable || attempt >= policy.maxAttempts()) {
                    throw new UpstreamException(noAnswer(request, e.problem()), e);
                }
                wait = policy.backoffAfter(attempt);
            } catch (InterruptedException e) {
                throw interrupted(request, e);
            }
            try {
                policy.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted(request, e);
            }
        }
    }

    private static boolean isTemporary(int status) {
        return status == 429 || status >= 500;
    }

    private Optional<Duration> waitAfterTemporary(PlannedRequest request, UpstreamAnswer answer, int attempt) {
        if (attempt >= policy.maxAttempts()) {
            return Optional.empty();
        }
        Optional<Duration> asked = answer.header("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, policy.clock().instant()));
        if (asked.isPresent() && asked.get().compareTo(policy.maxRetryAfter()) > 0) {
            return Optional.empty();
        }
        if (request.isRead()) {
            return Optional.of(asked.orElse(policy.backoffAfter(attempt)));
        }
        boolean notProcessed = answer.status() == 429 || answer.status() == 503;
        return notProcessed ? asked : Optional.empty();
    }

    private Failure redirected(PlannedRequest request, UpstreamAnswer answer) {
        String target = answer.header("Location").map(ErrorText::trim).orElse("(no Location)");
        return failure(Failure.Kind.REJECTED, answer.status(), true,
                service + " answered " + request.describe() + " with a redirect (" + answer.status() + " to " + target
                        + "), which is not followed so the token never goes to another address: check " + urlSetting,
                "");
    }

    private Failure unavailable(PlannedRequest request, UpstreamAnswer answer) {
        // 429 and 503 mean "not processed"; after another 5xx a create may have happened.
        boolean retryable = request.isRead() || answer.status() == 429 || answer.status() == 503;
        String upstreamText = ErrorText.trim(answer.body());
        return failure(Failure.Kind.UNAVAILABLE, answer.status(), retryable,
                service + " is unavailable (" + answer.status() + ") for " + request.describe()
                        + (upstreamText.isEmpty() ? "" : ": " + upstreamText)
                        + (retryable ? "; try again later" : "; it may have acted, look before trying again"),
                upstreamText);
    }

    private Failure noAnswer(PlannedRequest request, TransportException.Problem problem) {
        if (problem == TransportException.Problem.NOT_SENT) {
            return Failure.of(Failure.Kind.UNAVAILABLE, 0, true,
                    "could not connect to " + service + " for " + request.describe() + ": check " + urlSetting
                            + " and that the server is up");
        }
        if (request.isRead()) {
            return Failure.of(Failure.Kind.UNAVAILABLE, 0, true,
                    "no answer from " + service + " to " + request.describe() + " (timeout or connection lost)");
        }
        return Failure.of(Failure.Kind.ANSWER_LOST, 0, false,
                "sent " + request.describe() + " to " + service
                        + " but no answer came (timeout or connection lost): the outcome is unknown, look for it before trying again");
    }

    private UpstreamException interrupted(PlannedRequest request, InterruptedException e) {
        Thread.currentThread().interrupt();
        Failure.Kind kind = request.isRead() ? Failure.Kind.UNAVAILABLE : Failure.Kind.ANSWER_LOST;
        return new UpstreamException(Failure.of(kind, 0, request.isRead(),
                "interrupted while waiting for " + service + " to answer " + request.describe()), e);
    }

    /**
     * A failure that records what the upstream said.
     *
     * @param upstreamText the upstream's own (already trimmed) message; empty for none
     */
    public static Failure failure(Failure.Kind kind, int status, boolean retryable, String message, String upstreamText) {
        return failure(kind, status, retryable, message, List.of(), upstreamText);
    }

    /** {@link #failure(Failure.Kind, int, boolean, String, String)} with the names the message is about. */
    public static Failure failure(
            Failure.Kind kind, int status, boolean retryable, String message, List<String> details, String upstreamText) {
        return new Failure(kind, status, retryable, message, details, null, recorded(status, upstreamText));
    }

    /** The response recorded with a failure: the status and the upstream's own (trimmed) message. */
    public static UpstreamResponse recorded(int status, String upstreamText) {
        Payload body = upstreamText.isEmpty() ? Payload.empty() : Payload.of(Map.of("message", upstreamText));
        return new UpstreamResponse(status, body);
    }
}
