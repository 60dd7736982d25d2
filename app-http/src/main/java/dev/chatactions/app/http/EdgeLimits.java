package dev.chatactions.app.http;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;

/**
 * How long and how much a client may hold the server: a silent or slow client is cut off, so a
 * flood of half-open connections cannot hold it. The figures are in docs/http.md. The request
 * line (2 KiB, else 414) and header (16 KiB, else 400) limits are Helidon's HTTP/1 defaults. Our
 * HTTP/1 config (it carries the header deadline) replaces the discovered one: with both, Helidon
 * has two HTTP/1 providers and then closes unparsable or silent connections without a 400 or idle check.
 */
final class EdgeLimits {

    /**
     * A connection that has not completed a request line for this long is closed: one that sends
     * nothing, dribbles its request line, or sits kept-alive between requests. (Helidon 4.2 applies
     * no read timeout to accepted sockets; its idle check is what bounds a silent client.)
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Time allowed for a request's headers after its request line, and for its body (see {@link ReadDeadlines}). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    static final int MAX_CONNECTIONS = 1024;
    static final int MAX_CONCURRENT_REQUESTS = 256;
    /** Helidon's own cap on any body, also on routes that never read one; ours (413, problem+json) is lower. */
    static final long MAX_PAYLOAD_BYTES = 4 * HttpSettings.MAX_BODY_BYTES;

    private EdgeLimits() {}

    /**
     * @param idleTimeout {@link #IDLE_TIMEOUT}, shorter in tests; idle connections are looked for four times per timeout
     * @param deadlines the header deadline, {@link #READ_TIMEOUT} in production
     */
    static void applyTo(WebServerConfig.Builder server, Duration idleTimeout, ReadDeadlines deadlines) {
        server.idleConnectionTimeout(idleTimeout)
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().addReceiveListener(deadlines).build())
                .idleConnectionPeriod(idleTimeout.dividedBy(4))
                .maxTcpConnections(MAX_CONNECTIONS)
                .maxConcurrentRequests(MAX_CONCURRENT_REQUESTS)
                .maxPayloadSize(MAX_PAYLOAD_BYTES)
                .directHandlers(SecurityHeaders.directHandlers());
    }
}
