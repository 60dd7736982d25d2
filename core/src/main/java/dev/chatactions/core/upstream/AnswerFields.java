package dev.chatactions.core.upstream;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.UpstreamResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks what the history keeps of an upstream's answer: a few named scalar fields, nothing else. */
public final class AnswerFields {

    private AnswerFields() {}

    /**
     * @param answer the answer's JSON object as a map
     * @param names the fields worth keeping; absent ones and non-scalar values (objects, lists, null) are left out
     */
    public static UpstreamResponse keep(int status, Map<String, ?> answer, List<String> names) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String name : names) {
            Object value = answer.get(name);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                kept.put(name, value);
            }
        }
        return new UpstreamResponse(status, Payload.of(kept));
    }
}
