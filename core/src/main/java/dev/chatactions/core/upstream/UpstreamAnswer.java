package dev.chatactions.core.upstream;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP answer as the adapters' transports hand it over.
 *
 * @param headers response headers (request headers never get here)
 * @param body the body as text, empty for none
 */
public record UpstreamAnswer(int status, Map<String, List<String>> headers, String body) {

    public UpstreamAnswer {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        body = body == null ? "" : body;
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /**
     * A copy whose body shows {@code secret} as {@code [hidden]}: an upstream or a proxy that echoes
     * the request must not bring the credential back into a message or a record.
     */
    public UpstreamAnswer redacting(String secret) {
        return secret == null || secret.isEmpty() || !body.contains(secret)
                ? this
                : new UpstreamAnswer(status, headers, body.replace(secret, "[hidden]"));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
