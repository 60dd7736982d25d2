package dev.chatactions.core.port;

import java.util.Objects;

/**
 * What an action created upstream.
 *
 * @param kind {@code issue}, {@code pull} or {@code pipeline}
 * @param id the upstream's global id (0 when it gave none)
 * @param number the per-repository number used in links (issue/PR index, pipeline number)
 * @param url the page a person opens to see it
 * @param state the upstream's state word ({@code open}, {@code pending}, ...)
 * @param response the upstream's answer, for the history
 */
public record ActionResult(String kind, long id, long number, String url, String state, UpstreamResponse response) {

    /** Checks the required components; a missing state is read as empty. */
    public ActionResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        state = state == null ? "" : state;
        Objects.requireNonNull(response, "response");
    }
}
