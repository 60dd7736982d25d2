package dev.chatactions.app.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * Headers on every answer: only our own scripts and styles (no inline script), no framing, no
 * sniffing, no referrer leaks. Three doors lead out of the server and each adds the same list: the
 * filter (routed answers), {@link #addTo} in the error handler (Helidon resets the headers before
 * it, so thrown problems and the routing 404 need them again), and {@link #directHandlers()} for
 * what Helidon refuses before routing (unparsable requests, oversized headers).
 */
final class SecurityHeaders implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static final List<Header> HEADERS = List.of(
            HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            HeaderValues.create("X-Content-Type-Options", "nosniff"),
            HeaderValues.create("X-Frame-Options", "DENY"),
            HeaderValues.create("Referrer-Policy", "no-referrer"));

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        addTo(res);
        chain.proceed();
    }

    static void addTo(ServerResponse res) {
        HEADERS.forEach(res::header);
    }

    /** Helidon's own refusals (before any routing), with the headers added and otherwise as Helidon answers them. */
    static DirectHandlers directHandlers() {
        DirectHandler withHeaders = (request, eventType, status, headers, message) -> {
            HEADERS.forEach(headers::set);
            return DirectHandler.defaultHandler().handle(request, eventType, status, headers, message);
        };
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, withHeaders);
        }
        return handlers.build();
    }
}
