package dev.chatactions.app.http;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.io.OutputStream;

/**
 * {@code HEAD} answers as {@code GET} would, without the body (RFC 9110, 9.3.2): the request is
 * routed as a GET and whatever the handler writes is dropped. This suits every route whose GET
 * only reads; a GET route that starts work or streams (an event stream) must answer HEAD itself
 * ({@link #wasHead}), since its handler runs in full here.
 */
final class HeadAsGet implements Filter {

    /** The request context's mark of a HEAD routed as GET. */
    private static final String HEAD = "chat-actions.head-as-get";

    /** Whether {@code req} came as HEAD (and is routed as GET). */
    static boolean wasHead(ServerRequest req) {
        return req.context().get(HEAD, Boolean.class).orElse(false);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue prologue = req.prologue();
        if (prologue.method() == Method.HEAD) {
            req.prologue(HttpPrologue.create(prologue.rawProtocol(), prologue.protocol(), prologue.protocolVersion(),
                    Method.GET, prologue.uriPath(), prologue.query(), prologue.fragment()));
            res.streamFilter(body -> OutputStream.nullOutputStream());
            req.context().register(HEAD, Boolean.TRUE);
        }
        chain.proceed();
    }
}
