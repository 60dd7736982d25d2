package dev.chatactions.core.text;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.config.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text from outside (an upstream's answer, header, URL or message) as we keep or show it: well-formed
 * ({@link UnicodeText#repaired}) and with every secret this process holds hidden ({@link Secret#redact}).
 * The values that keep upstream text ({@code Failure}, {@code ActionResult}, {@code UpstreamResponse})
 * pass everything through here when they are made, so no path to a message, a record or a page skips it.
 */
public final class KeptText {

    private KeptText() {}

    public static String of(String text) {
        return text == null ? null : Secret.redact(UnicodeText.repaired(text));
    }

    public static List<String> of(List<String> texts) {
        return texts.stream().map(KeptText::of).toList();
    }

    /** Every string in {@code payload}, names and values at any depth, as {@link #of(String)}. */
    public static Payload of(Payload payload) {
        return Payload.of(object(payload.fields()));
    }

    private static Map<String, Object> object(Map<String, ?> fields) {
        Map<String, Object> kept = new LinkedHashMap<>();
        fields.forEach((name, value) -> kept.put(of(name), value(value)));
        return kept;
    }

    private static Object value(Object value) {
        if (value instanceof String text) {
            return of(text);
        }
        if (value instanceof List<?> items) {
            return items.stream().map(KeptText::value).toList();
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) map;
            return object(object);
        }
        return value;
    }
}
