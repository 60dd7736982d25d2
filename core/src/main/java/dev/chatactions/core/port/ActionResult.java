package dev.chatactions.core.port;

import dev.chatactions.core.text.KeptText;
import java.util.Objects;

/**
 * What an action created upstream.
 *
 * @param kind {@code issue}, {@code pull} or {@code pipeline}
 * @param id the upstream's global id (0 when it gave none)
 * @param number the per-repository number used in links (issue/PR index, pipeline number)
 * @param url the page a person opens to see it, as the upstream said it ({@link KeptText}); whether it
 *     becomes a link is {@code ShownLinks}' decision
 * @param state the upstream's state word ({@code open}, {@code pending}, ...)
 * @param response the upstream's answer, for the history
 * @param dryRun true when nothing was sent: a dry-run port's answer, whose response shows the request
 *     that would have been; the one definition of "dry run" every edge presents
 */
public record ActionResult(String kind, long id, long number, String url, String state, UpstreamResponse response,
        boolean dryRun) {

    /** Checks the required components; a missing state is read as empty. */
    public ActionResult {
        Objects.requireNonNull(kind, "kind");
        url = KeptText.of(Objects.requireNonNull(url, "url"));
        state = state == null ? "" : KeptText.of(state);
        Objects.requireNonNull(response, "response");
    }

    /**
     * What a request that was sent created upstream.
     *
     * @param kind {@code issue}, {@code pull} or {@code pipeline}
     * @param id the upstream's global id (0 when it gave none)
     * @param number the per-repository number used in links
     * @param url the page a person opens to see it
     * @param state the upstream's state word
     * @param response the upstream's answer, for the history
     */
    public ActionResult(String kind, long id, long number, String url, String state, UpstreamResponse response) {
        this(kind, id, number, url, state, response, false);
    }
}
