package dev.chatactions.app.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code -o text|json} for every command that prints data: add it with
 * {@code @Mixin OutputOption output;} and print with {@link #print}.
 */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class,
            description = "Output format: text or json (default: text).")
    private OutputFormat format = OutputFormat.TEXT;

    public OutputFormat format() {
        return format;
    }

    /**
     * Prints {@code json} (maps, lists, records, strings, numbers; null values are kept) as indented
     * JSON, or lets {@code text} write the text form.
     */
    public void print(PrintWriter out, Object json, Consumer<PrintWriter> text) {
        if (format == OutputFormat.JSON) {
            out.println(CliJson.indented(json));
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
