package dev.chatactions.app.cli.history;

import dev.chatactions.adapter.history.HistoryLines.Place;
import dev.chatactions.adapter.postgres.PostgresHistory;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliHistory;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.service.Names;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "export",
        description = {
            "Writes conversations of the PostgreSQL store (CHAT_DATABASE_URL) as NDJSON history files, byte for byte "
                    + "what the file store would hold: DIR/USER/CONVERSATION.ndjson and DIR/USER/actions.ndjson, so "
                    + "that history verify, show and replay work on them, and history import loads them again.",
            "WHAT is USER (all of that user's conversations) or USER/CONVERSATION or USER/actions. A file that "
                    + "already exists is never overwritten: the export stops there and exits 1."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions history export alice --to backup",
            "  chat-actions history export alice/0123456789ab bob/actions --to backup",
        })
final class HistoryExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "WHAT", description = "USER, USER/CONVERSATION or USER/actions.")
    private List<String> what;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "The history directory to write into.")
    private Path to;

    @Mixin
    private OutputOption output;

    HistoryExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Map<String, Object>> written = new ArrayList<>();
        try (PostgresStore store = CliHistory.requireDatabase(context, "history export")) {
            PostgresHistory history = store.history();
            for (Place place : places(history)) {
                Path file = to.resolve(place.user()).resolve(
                        (place.conversation() == null ? "actions" : place.conversation()) + ".ndjson");
                long lines = export(history, place, file);
                if (lines > 0) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("file", file.toString());
                    json.put("lines", lines);
                    written.add(json);
                }
            }
        } catch (HistoryException e) {
            throw CliHistory.failed(e);
        }
        output.print(context.out(), written,
                out -> written.forEach(json -> out.println(json.get("file") + ": " + json.get("lines") + " lines")));
        return ExitCodes.OK;
    }

    private List<Place> places(PostgresHistory history) {
        List<Place> places = new ArrayList<>();
        for (String item : what) {
            if (Names.isUser(item)) {
                places.add(new Place(item, null));
                try (Stream<String> conversations = history.conversations(item)) {
                    conversations.sorted().forEach(conversation -> places.add(new Place(item, conversation)));
                }
            } else {
                places.add(CliHistory.place(Path.of(item)));
            }
        }
        return places;
    }

    /** Writes one conversation to a new file; a conversation without lines leaves no file. */
    private static long export(PostgresHistory history, Place place, Path file) {
        try {
            Files.createDirectories(file.getParent());
            long lines;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                lines = history.export(place.user(), place.conversation(), out);
            }
            if (lines == 0) {
                Files.delete(file);
            }
            return lines;
        } catch (FileAlreadyExistsException e) {
            throw new OperationFailedException(file + " already exists: nothing was written to it");
        } catch (IOException e) {
            throw new OperationFailedException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
