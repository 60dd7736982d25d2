package dev.chatactions.core.action;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable JSON object: the payload of a marker or of an action request.
 *
 * <p>Values are {@code String}, {@code Boolean}, {@code BigInteger} (integers), {@code BigDecimal}
 * (other numbers), {@code List<Object>}, {@code Map<String, Object>} (nested objects) or
 * {@code null} (JSON null). Field order is the order of the source text; {@link
 * dev.chatactions.core.action.json.PayloadJson} writes a canonical form with sorted keys.
 */
public final class Payload {

    private static final Payload EMPTY = new Payload(Map.of());

    private final Map<String, Object> fields;

    private Payload(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** {@return the payload with no fields, {@code {}}} */
    public static Payload empty() {
        return EMPTY;
    }

    /**
     * Deep-copies {@code fields}; numbers are normalised to BigInteger / BigDecimal.
     *
     * @param fields JSON values: String, Boolean, Number, List, Map with String keys, or null
     * @return an immutable payload
     */
    public static Payload of(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        return new Payload(copyObject(fields));
    }

    /** {@return the fields in their order, unmodifiable} */
    public Map<String, Object> fields() {
        return fields;
    }

    /** {@return the field names in their order} */
    public Set<String> names() {
        return fields.keySet();
    }

    /**
     * Whether the field is present, even as JSON null.
     *
     * @param name a field name
     * @return true when present
     */
    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /**
     * The raw value; {@code null} both for JSON null and for a missing field (see {@link #has}).
     *
     * @param name a field name
     * @return the value, or null
     */
    public Object get(String name) {
        return fields.get(name);
    }

    /**
     * The field if it is a JSON string.
     *
     * @param name a field name
     * @return the string, or empty when the field is missing or not a string
     */
    public Optional<String> string(String name) {
        return fields.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** {@return true when the payload has no fields} */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    private static Map<String, Object> copyObject(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "field name"), copyValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no NaN or infinity");
            }
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys are strings, got " + k);
                }
                nested.put(key, v);
            });
            return copyObject(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyValue(v)));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload p && fields.equals(p.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Payload" + fields;
    }
}
