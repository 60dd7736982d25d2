package dev.chatactions.app.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/** Headers on every answer: only our own scripts and styles (no inline script), no framing, no sniffing, no referrer leaks. */
final class SecurityHeaders implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final List<Header> HEADERS = List.of(
            HeaderValues.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            HeaderValues.create("X-Content-Type-Options", "nosniff"),
            HeaderValues.create("X-Frame-Options", "DENY"),
            HeaderValues.create("Referrer-Policy", "no-referrer"));

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HEADERS.forEach(res::header);
        chain.proceed();
    }
}
