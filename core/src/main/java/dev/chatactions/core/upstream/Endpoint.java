package dev.chatactions.core.upstream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds request URLs under an API root, percent-encoding every path segment and query value, so
 * that a branch or label name can never change which endpoint is called.
 */
public final class Endpoint {

    private final StringBuilder url;
    private boolean hasQuery;

    private Endpoint(String root) {
        this.url = new StringBuilder(root);
    }

    /** {@code apiRoot} is an absolute URL without trailing slash, e.g. {@code https://forge.example/api/v1}. */
    public static Endpoint under(URI apiRoot) {
        return new Endpoint(Objects.requireNonNull(apiRoot, "apiRoot").toString());
    }

    /** {@code root} (with or without trailing slash) followed by {@code apiPath}, e.g. {@code /api/v1}. */
    public static URI apiRoot(URI root, String apiPath) {
        String text = Objects.requireNonNull(root, "root").toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + apiPath);
    }

    /** Appends each argument as one encoded path segment. */
    public Endpoint path(String... segments) {
        if (hasQuery) {
            throw new IllegalStateException("path after query");
        }
        for (String segment : segments) {
            url.append('/').append(encode(segment));
        }
        return this;
    }

    public Endpoint query(String name, Object value) {
        url.append(hasQuery ? '&' : '?').append(encode(name)).append('=').append(encode(String.valueOf(value)));
        hasQuery = true;
        return this;
    }

    public URI uri() {
        return URI.create(url.toString());
    }

    /** RFC 3986 percent-encoding: everything but the unreserved characters. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
