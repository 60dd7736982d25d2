package dev.chatactions.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/** JSON as the commands print it: maps, lists, records, strings, numbers; null values are kept. */
public final class CliJson {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliJson() {
    }

    /** One line: for NDJSON. */
    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    /** Indented: for a document a person may read. */
    public static String indented(Object value) {
        return write(INDENTED, value);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
