package dev.chatactions.core.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.upstream.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** What the adapter tests need to stand in for an upstream: WireMock on loopback, retries that only record. */
public final class LoopbackUpstream {

    private LoopbackUpstream() {}

    /** WireMock on 127.0.0.1 and a free port; register it as a static {@code @RegisterExtension} field. */
    public static WireMockExtension wireMock() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** Three attempts, 10 ms backoff, Retry-After up to 10 s; each wait is added to {@code waits} instead of slept. */
    public static RetryPolicy recordingRetries(List<Duration> waits, Clock clock) {
        return new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(10), waits::add, clock);
    }

    /**
     * Waits (at most 5 s) until WireMock has logged {@code count} requests: it logs a request whose
     * answer is delayed only once that answer is written, after the client gave up.
     */
    public static void awaitServeEvents(WireMockExtension server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.getAllServeEvents().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
