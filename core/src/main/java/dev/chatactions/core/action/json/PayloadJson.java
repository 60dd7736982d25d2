package dev.chatactions.core.action.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.text.UnicodeText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict reading and canonical writing of payloads: the only place in core that touches Jackson.
 *
 * <p>Reading is strict: one JSON object, nothing after it, no duplicate keys, no comments, no
 * trailing commas, no NaN, no single quotes. Writing is canonical: keys sorted by UTF-16 code
 * units, no insignificant whitespace, so equal payloads have equal text and equal digests.
 */
public final class PayloadJson {

    /** Nesting deeper than this is refused rather than risking a deep recursion. */
    static final int MAX_DEPTH = 64;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();

    /*
     * No canonical (interned) field names: Jackson's shared name table stops growing at some size,
     * after which thousands of distinct names in one document cost quadratic time. Buffers come from
     * Jackson's shared bounded pool, not one set per thread: requests and turns each run on a
     * (virtual) thread of their own, which kept its set while it lived and never reused it.
     */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(LIMITS)
            .recyclerPool(JsonRecyclerPools.sharedBoundedPool())
            .build();

    private PayloadJson() {}

    /**
     * Reads exactly one JSON object from outside (a request, a marker, a command line): text that is
     * not well-formed Unicode (a lone surrogate such as {@code "\ud800"}) is refused.
     *
     * @param json the text
     * @return the object as a payload
     * @throws InvalidJsonException with a one-line reason when the text is not exactly one strict JSON object
     */
    public static Payload read(String json) {
        return read(json, Strings.REFUSE_LONE_SURROGATES);
    }

    /**
     * Reads exactly one JSON object that is already stored (a history line): a lone surrogate is
     * replaced by U+FFFD, so the line stays readable and can be shown and written again.
     *
     * @throws InvalidJsonException as {@link #read}, except for lone surrogates
     */
    public static Payload readStored(String json) {
        return read(json, Strings.REPAIR_LONE_SURROGATES);
    }

    /** What reading does with strings (names and values) that hold a lone surrogate. */
    private enum Strings {
        REFUSE_LONE_SURROGATES,
        REPAIR_LONE_SURROGATES;

        String take(String text, JsonParser parser) {
            int lone = UnicodeText.firstLoneSurrogate(text);
            if (lone < 0) {
                return text;
            }
            if (this == REPAIR_LONE_SURROGATES) {
                return UnicodeText.repaired(text);
            }
            throw new InvalidJsonException("text is not well-formed Unicode: a lone surrogate "
                    + UnicodeText.escaped(text.charAt(lone)) + at(parser));
        }
    }

    private static Payload read(String json, Strings strings) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidJsonException(first == null ? "empty JSON" : "JSON is not an object");
            }
            Map<String, Object> fields = readObject(parser, strings);
            if (parser.nextToken() != null) {
                throw new InvalidJsonException("unexpected text after the JSON object" + at(parser));
            }
            return Payload.of(fields);
        } catch (JsonParseException e) {
            throw new InvalidJsonException(oneLine(e));
        } catch (StreamConstraintsException e) {
            throw new InvalidJsonException(limitExceeded(e));
        } catch (IOException e) {
            throw new InvalidJsonException(oneLine(e));
        } catch (NumberFormatException e) {
            // Jackson parses numbers lazily and reports an exponent beyond BigDecimal's range this way.
            throw new InvalidJsonException("invalid JSON: number out of range");
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, Strings strings) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = strings.take(parser.currentName(), parser);
            parser.nextToken();
            if (fields.containsKey(name)) {
                // Two names that differ only in lone surrogates became one when repaired.
                throw new InvalidJsonException("invalid JSON: duplicate field \"" + name + "\"" + at(parser));
            }
            fields.put(name, readValue(parser, strings));
        }
        return fields;
    }

    private static Object readValue(JsonParser parser, Strings strings) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                return readObject(parser, strings);
            case START_ARRAY: {
                List<Object> items = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    items.add(readValue(parser, strings));
                }
                return items;
            }
            case VALUE_STRING:
                return strings.take(parser.getText(), parser);
            case VALUE_NUMBER_INT:
                return parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new InvalidJsonException("unexpected JSON token " + parser.currentToken() + at(parser));
        }
    }

    /**
     * The canonical text: sorted keys, no whitespace.
     *
     * @param payload the payload to write
     * @return its canonical JSON
     */
    public static String canonical(Payload payload) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writeValue(gen, payload.fields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Lower-case hex SHA-256 of the canonical text's UTF-8 bytes.
     *
     * @param payload the payload to digest
     * @return 64 hex characters
     */
    public static String digest(Payload payload) {
        return sha256Hex(canonical(payload));
    }

    /**
     * Lower-case hex SHA-256 of {@code text}'s UTF-8 bytes.
     *
     * @param text the text to digest
     * @return 64 hex characters
     */
    public static String sha256Hex(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void writeValue(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof BigInteger i) {
            gen.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else if (value instanceof List<?> list) {
            gen.writeStartArray();
            for (Object item : list) {
                writeValue(gen, item);
            }
            gen.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                gen.writeFieldName((String) e.getKey());
                writeValue(gen, e.getValue());
            }
            gen.writeEndObject();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static String at(JsonParser parser) {
        return " at column " + parser.currentLocation().getColumnNr();
    }

    /** Jackson reports every exceeded limit with this one exception type; its message names the limit. */
    private static String limitExceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Document nesting depth")) {
            return "JSON nested too deeply (limit " + MAX_DEPTH + ")";
        }
        if (message.startsWith("Number value length")) {
            return "invalid JSON: number too long (limit " + LIMITS.getMaxNumberLength() + " characters)";
        }
        if (message.startsWith("Name length")) {
            return "invalid JSON: field name too long (limit " + LIMITS.getMaxNameLength() + " characters)";
        }
        return oneLine(e);
    }

    private static String oneLine(IOException e) {
        String message = e instanceof JsonParseException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        String line = message.lines().findFirst().orElse(message).strip();
        if (e instanceof JsonParseException jpe && jpe.getLocation() != null) {
            line += " at column " + jpe.getLocation().getColumnNr();
        }
        return "invalid JSON: " + line;
    }
}
