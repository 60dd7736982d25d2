package dev.chatactions.app.cli.history;

import dev.chatactions.adapter.history.Verification;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliHistory;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.app.cli.Progress;
import dev.chatactions.core.port.HistoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        description = {
            "Checks that every line of each file is whole and parses, and that the hash chain holds: every "
                    + "action and proposal line carries the SHA-256 of the line before it (prev) and its place (seq).",
            "Lines cut off the end, or an edit of the last lines, no chain can show: each append also records the "
                    + "file's head (its line count and the hash of its last lines) in FILE.lock, and verify checks the file "
                    + "against it. Lines after the recorded head (a crash between a write and its head) are reported as "
                    + "not covered, not as tampering; without FILE.lock a cut at the end cannot be seen.",
            "What verify cannot prove: the chain and the head carry no key, so someone who can rewrite both a file and "
                    + "its FILE.lock can make any history read as intact. Keep copies elsewhere to guard against that.",
            "Exit 0 when every file is intact; 1 naming the first bad line of each broken file and what is wrong: "
                    + "edited, removed (a gap, or lines cut off the end), reordered, torn tail (a last line cut short by a "
                    + "crash) or unparseable.",
            "With CHAT_DATABASE_URL set it checks conversations in the PostgreSQL store instead, named USER/CONVERSATION "
                    + "or USER/actions (a history path names the same one), against the head the database records with "
                    + "the lines; the same caveat holds for whoever can rewrite the database."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions history verify chat-history/alice/actions.ndjson",
            "  chat-actions history verify chat-history/*/*.ndjson -o json",
            "  CHAT_DATABASE_URL=jdbc:postgresql://db/chat chat-actions history verify alice/0123456789ab",
        })
final class HistoryVerifyCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The history files to check.")
    private List<Path> files;

    @Mixin
    private OutputOption output;

    HistoryVerifyCommand(CliContext context) {
        this.context = context;
    }

    /** One file's result: {@code verification} is null when the file could not be read ({@code problem}). */
    private record Checked(String file, Verification verification, String problem) {

        boolean intact() {
            return verification != null && verification.intact();
        }

        String describe() {
            return file + ": " + (verification == null ? problem : verification.toString());
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file);
            json.put("intact", intact());
            if (verification instanceof Verification.Intact intact) {
                json.put("lines", intact.lines());
                json.put("anchored_lines", intact.anchoredLines());
            } else if (verification instanceof Verification.Broken broken) {
                json.put("line", broken.line());
                json.put("defect", broken.defect().name().toLowerCase(Locale.ROOT));
                json.put("explanation", broken.explanation());
            } else {
                json.put("defect", "unreadable");
                json.put("explanation", problem);
            }
            return json;
        }
    }

    @Override
    public Integer call() {
        List<Checked> results = new ArrayList<>();
        try (CliHistory history = CliHistory.open(context);
             Progress progress = Progress.of(context, "verify", files.size())) {
            for (Path file : files) {
                results.add(check(history, file));
                progress.step();
            }
        }
        output.print(context.out(), results.stream().map(Checked::json).toList(),
                out -> results.forEach(result -> out.println(result.describe())));
        List<Checked> broken = results.stream().filter(result -> !result.intact()).toList();
        if (!broken.isEmpty()) {
            throw new OperationFailedException(broken.get(0).describe()
                    + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more broken files)" : ""));
        }
        return ExitCodes.OK;
    }

    private static Checked check(CliHistory history, Path file) {
        String name = history.describe(file);
        try {
            return new Checked(name, history.verify(file), null);
        } catch (OperationFailedException e) {
            return new Checked(name, null, e.getMessage().startsWith("no history file") ? "no such file" : e.getMessage());
        } catch (HistoryException e) {
            return new Checked(name, null, e.getMessage());
        }
    }
}
