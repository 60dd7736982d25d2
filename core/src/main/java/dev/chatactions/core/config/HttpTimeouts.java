package dev.chatactions.core.config;

import java.time.Duration;

/**
 * How long an adapter waits to connect and for a whole answer.
 *
 * @param connect the TCP/TLS connect timeout; a connect that times out never reached the server
 * @param request the time from sending a request to its answer; when it passes after sending, the
 *     outcome is unknown
 */
public record HttpTimeouts(Duration connect, Duration request) {

    public static final HttpTimeouts DEFAULT = new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));

    /** Checks that both timeouts are positive. */
    public HttpTimeouts {
        connect = positive(connect, "connect timeout");
        request = positive(request, "request timeout");
    }

    private static Duration positive(Duration value, String what) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration");
        }
        return value;
    }
}
