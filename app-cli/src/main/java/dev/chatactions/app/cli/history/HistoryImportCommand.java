package dev.chatactions.app.cli.history;

import dev.chatactions.adapter.postgres.ImportRefusedException;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliHistory;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.core.port.HistoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        description = {
            "Loads NDJSON history files into the PostgreSQL store (CHAT_DATABASE_URL), each into the conversation its "
                    + "path names: DIR/USER/CONVERSATION.ndjson or DIR/USER/actions.ndjson. A directory stands for "
                    + "every such file under it (a whole CHAT_HISTORY_DIR).",
            "Every file's hash chain is checked first (as history verify does); a broken file is refused with its line "
                    + "named. All files load in one transaction: on any refusal or failure nothing is imported. A "
                    + "conversation the database already holds lines of is refused too, never merged.",
            "The lines are kept byte for byte, so history export writes the same files again."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions history import chat-history",
            "  chat-actions history import chat-history/alice/0123456789ab.ndjson",
        })
final class HistoryImportCommand implements Callable<Integer> {

    private static final Pattern HISTORY_FILE = Pattern.compile("([0-9a-f]{12}|actions)\\.ndjson");

    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "History files, or history directories.")
    private List<Path> paths;

    @Mixin
    private OutputOption output;

    HistoryImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Path> files = files();
        long lines;
        try (PostgresStore store = CliHistory.requireDatabase(context, "history import")) {
            lines = store.history().importFiles(files);
        } catch (ImportRefusedException e) {
            throw new OperationFailedException(e.getMessage(), e);
        } catch (HistoryException e) {
            throw CliHistory.failed(e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", files.size());
        json.put("lines", lines);
        output.print(context.out(), json, out -> out.println("imported " + files.size() + " file(s), " + lines + " lines"));
        return ExitCodes.OK;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.find(path, 2, (file, attributes) -> attributes.isRegularFile()
                        && HISTORY_FILE.matcher(file.getFileName().toString()).matches())) {
                    found.sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new OperationFailedException("could not read " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new OperationFailedException("no history file or directory at " + path + "; nothing was imported");
            }
        }
        if (files.isEmpty()) {
            throw new OperationFailedException("no history files found; nothing was imported");
        }
        return files;
    }
}
