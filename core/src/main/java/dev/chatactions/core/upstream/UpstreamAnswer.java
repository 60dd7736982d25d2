package dev.chatactions.core.upstream;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP answer as the adapters' transports hand it over: raw and untrusted. Whatever of it is kept
 * or shown goes through {@link dev.chatactions.core.text.KeptText} (the values that keep it do so).
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

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
