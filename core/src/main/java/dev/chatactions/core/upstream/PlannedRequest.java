package dev.chatactions.core.upstream;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.UpstreamResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request an adapter is about to send, without credentials: the real adapter adds the
 * {@code Authorization} header when it sends it, the dry run only shows it.
 *
 * @param method GET or POST
 * @param uri the full URL
 * @param body the JSON (or form) body; null for none
 * @param form true when {@code body} goes form-encoded instead of as JSON
 */
public record PlannedRequest(String method, URI uri, Payload body, boolean form) {

    public PlannedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
    }

    public static PlannedRequest get(URI uri) {
        return new PlannedRequest("GET", uri, null, false);
    }

    public static PlannedRequest postJson(URI uri, Payload body) {
        return new PlannedRequest("POST", uri, Objects.requireNonNull(body, "body"), false);
    }

    public static PlannedRequest postForm(URI uri, Payload body) {
        return new PlannedRequest("POST", uri, Objects.requireNonNull(body, "body"), true);
    }

    /** GETs are safe to repeat; anything else may create something. */
    public boolean isRead() {
        return method.equals("GET");
    }

    /** {@code METHOD /path} for messages: no host, no query (a query could carry anything). */
    public String describe() {
        return method + " " + uri.getRawPath();
    }

    /**
     * What a dry run returns instead of sending: state {@code dry-run}, status 0 and the body
     * {@code {"dry_run":true,"method","url","body"}} plus {@code notes} (e.g. {@code "labels_unresolved":true}).
     *
     * @param kind {@code issue}, {@code pull} or {@code pipeline}
     */
    public ActionResult dryRunResult(String kind, Map<String, ?> notes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dry_run", true);
        fields.put("method", method);
        fields.put("url", displayUrl());
        if (body != null) {
            fields.put("body", body.fields());
        }
        fields.putAll(notes);
        return new ActionResult(kind, 0, 0, "", "dry-run", new UpstreamResponse(0, Payload.of(fields)), true);
    }

    /** The URL with placeholders such as {@code {repo_id}} shown unescaped. */
    private String displayUrl() {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getPath() + query;
    }
}
