package dev.chatactions.app.http;

import io.helidon.webserver.WebServerConfig;
import java.time.Duration;

/**
 * How long and how much a client may hold the server: a slow or silent client is cut off, so a
 * flood of half-open connections cannot hold it. The figures are in docs/http.md. The request
 * line (2 KiB, else 414) and header (16 KiB, else 400) limits are Helidon's defaults, kept: setting
 * an HTTP/1 protocol config here replaces Helidon's discovered one and changes how it answers
 * requests that are not HTTP at all (it then closes without a 400).
 */
final class EdgeLimits {

    /**
     * A connection that has not completed a request line for this long is closed: one that sends
     * nothing, dribbles its request line, or sits kept-alive between requests. (Helidon 4.2 applies
     * no read timeout to accepted sockets; its idle check is what bounds a silent client.)
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_CONNECTIONS = 1024;
    static final int MAX_CONCURRENT_REQUESTS = 256;
    /** Helidon's own cap on any body, also on routes that never read one; ours (413, problem+json) is lower. */
    static final long MAX_PAYLOAD_BYTES = 4 * HttpSettings.MAX_BODY_BYTES;

    private EdgeLimits() {}

    /** @param idleTimeout {@link #IDLE_TIMEOUT}, shorter in tests; idle connections are looked for four times per period */
    static void applyTo(WebServerConfig.Builder server, Duration idleTimeout) {
        server.idleConnectionTimeout(idleTimeout)
                .idleConnectionPeriod(idleTimeout.dividedBy(4))
                .maxTcpConnections(MAX_CONNECTIONS)
                .maxConcurrentRequests(MAX_CONCURRENT_REQUESTS)
                .maxPayloadSize(MAX_PAYLOAD_BYTES)
                .directHandlers(SecurityHeaders.directHandlers());
    }
}
