package dev.chatactions.app.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal at the edge (no session, bad CSRF token, body too large...), answered as RFC 9457
 * {@code application/problem+json} by the routing's error handler. The message is the one-line detail.
 *
 * @param status the HTTP status
 * @param slug short name of the problem type, e.g. {@code csrf}; the type URI is {@code urn:chat-actions:problem:SLUG}
 * @param title the problem type's fixed summary
 */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final String title;
    private final transient Map<String, Object> extensions;
    private final transient Map<String, String> headers;

    HttpProblem(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of(), Map.of());
    }

    HttpProblem(int status, String slug, String title, String detail, Map<String, ?> extensions, Map<String, String> headers) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.status = status;
        this.slug = Objects.requireNonNull(slug, "slug");
        this.title = Objects.requireNonNull(title, "title");
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    Map<String, String> headers() {
        return headers;
    }

    /** The problem document: type, title, status, detail, then the extensions. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:chat-actions:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.putAll(extensions);
        return body;
    }

    String title() {
        return title;
    }

    /** The same problem with one more extension member. */
    HttpProblem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new HttpProblem(status, slug, title, getMessage(), more, headers);
    }

    static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, "bad-request", "Bad request", detail);
    }
}
