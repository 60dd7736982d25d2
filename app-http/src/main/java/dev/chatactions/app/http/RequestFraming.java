package dev.chatactions.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a request whose body framing is ambiguous or malformed before anything reads it: a
 * {@code Content-Length} that is not one plain decimal number (Helidon reads {@code -1} as "until
 * the chunks end" and waits), both {@code Content-Length} and {@code Transfer-Encoding} (the
 * request-smuggling shape), or a transfer coding other than {@code chunked}. The answer is 400 and
 * closes the connection, since where the next request would start is unknown; so does any other
 * refusal that asks for {@code Connection: close} (a body cut short or badly chunked).
 */
final class RequestFraming implements Filter {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<HttpProblem> refusal = refusal(req.headers());
        if (refusal.isPresent()) {
            Main.problem(req, res, refusal.get());
        } else {
            chain.proceed();
        }
        if (res.isSent() && res.headers().first(HeaderNames.CONNECTION).filter("close"::equalsIgnoreCase).isPresent()) {
            // Helidon reads on after a "Connection: close" answer; what follows a refused body must never be read as a request.
            throw new CloseConnectionException("closed after refusing a request whose framing cannot be trusted");
        }
    }

    private static Optional<HttpProblem> refusal(Headers headers) {
        boolean hasLength = headers.contains(HeaderNames.CONTENT_LENGTH);
        boolean hasCoding = headers.contains(HeaderNames.TRANSFER_ENCODING);
        if (hasLength && hasCoding) {
            return Optional.of(malformed("a request may carry Content-Length or Transfer-Encoding, not both"));
        }
        if (hasLength) {
            List<String> lengths = headers.get(HeaderNames.CONTENT_LENGTH).allValues();
            if (lengths.size() != 1 || !DECIMAL.matcher(lengths.get(0).strip()).matches()) {
                return Optional.of(malformed("Content-Length must be one decimal number of bytes"));
            }
        }
        if (hasCoding) {
            List<String> codings = headers.get(HeaderNames.TRANSFER_ENCODING).allValues();
            if (codings.size() != 1 || !codings.get(0).strip().toLowerCase(Locale.ROOT).equals("chunked")) {
                return Optional.of(malformed("the only Transfer-Encoding accepted is chunked"));
            }
        }
        return Optional.empty();
    }

    /** A 400 that also closes the connection: the rest of the bytes cannot be trusted to start a request. */
    static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "framing", "Malformed request framing", detail, Map.of(), Map.of("Connection", "close"));
    }
}
