package dev.chatactions.app.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What {@code -o} selects: text for people, JSON for scripts. */
public enum OutputFormat {
    TEXT,
    JSON;

    /** Lower case, as typed on the command line and listed in help. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts any case; the error lists the choices as they are typed. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : values()) {
                if (format.toString().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new TypeConversionException("expected text or json but was '" + value + "'");
        }
    }
}
