package dev.chatactions.app.cli.history;

import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliHistory;
import dev.chatactions.app.cli.CliJson;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OutputFormat;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "show",
        description = {
            "Shows a history file as a table: time, role, type, status, key and what happened (number and link, "
                    + "denial reasons, the failure, or the start of a chat message).",
            "-o json prints one JSON object per record (NDJSON) for scripts; unreadable lines appear with role "
                    + "\"unreadable\" and are never dropped silently.",
            CliHistory.DATABASE_NOTE
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions history show chat-history/alice/actions.ndjson",
            "  chat-actions history show chat-history/alice/actions.ndjson --status failed",
            "  chat-actions history show chat-history/alice/actions.ndjson -o json | jq .key",
        })
final class HistoryShowCommand implements Callable<Integer> {

    private static final String ROW = "%-20s  %-10s  %-12s  %-8s  %-34s  %s%n";
    private static final int SHOWN_CONTENT = 60;

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "FILE", description = "The history file to show.")
    private Path file;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "Only records of this role: action, proposal, user, assistant, ...")
    private String role;

    @Option(names = "--status", paramLabel = "STATUS", converter = StatusConverter.class,
            description = "Only action records with this status: started, done, denied, failed, unknown.")
    private ActionStatus status;

    @Mixin
    private OutputOption output;

    HistoryShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        boolean json = output.format() == OutputFormat.JSON;
        try (CliHistory history = CliHistory.open(context); Stream<HistoryRecord> records = history.records(file)) {
            if (!json) {
                out.printf(ROW, "TIME", "ROLE", "TYPE", "STATUS", "KEY", "WHAT");
            }
            records.map(HistoryShowCommand::row).filter(this::selected).forEach(row -> {
                if (json) {
                    out.println(CliJson.compact(row));
                } else {
                    out.printf(ROW, text(row.get("ts")), row.get("role"), text(row.get("type")), text(row.get("status")),
                            text(row.get("key")), text(row.get("what")));
                }
            });
        } catch (HistoryException e) {
            throw CliHistory.failed(e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private boolean selected(Map<String, Object> row) {
        return (role == null || role.equals(row.get("role")))
                && (status == null || status.wireName().equals(row.get("status")));
    }

    /** One record as the fields the table shows; the same map is the JSON form. */
    private static Map<String, Object> row(HistoryRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        switch (record) {
            case ActionLine line -> {
                put(row, line.ts(), line.user(), line.conversation(), "action");
                row.put("type", line.type());
                row.put("status", line.status().wireName());
                row.put("key", line.key());
                row.put("proposal", line.proposal());
                row.put("replay_of", line.replayOf());
                row.put("reasons", line.reasons());
                if (line.result() != null) {
                    row.put("number", line.result().number());
                    row.put("url", line.result().url());
                }
                if (line.failure() != null) {
                    row.put("error", line.failure().message());
                }
                row.put("what", what(line));
            }
            case ProposalLine line -> {
                put(row, line.ts(), line.user(), line.conversation(), "proposal");
                row.put("type", line.type());
                row.put("key", line.id());
                row.put("digest", line.digest());
                row.put("what", "proposed " + line.type());
            }
            case ChatLine line -> {
                put(row, line.ts(), line.user(), line.conversation(), line.role());
                row.put("what", shorten(line.content()));
            }
            case UnreadableLine line -> {
                row.put("role", "unreadable");
                row.put("location", line.location());
                row.put("what", line.location() + ": " + line.problem());
            }
        }
        return row;
    }

    private static void put(Map<String, Object> row, Instant ts, String user, String conversation, String role) {
        row.put("ts", ts.truncatedTo(ChronoUnit.SECONDS).toString());
        row.put("user", user);
        row.put("conversation", conversation);
        row.put("role", role);
    }

    private static String what(ActionLine line) {
        String what = switch (line.status()) {
            case DONE -> line.result() == null ? "" : "#" + line.result().number() + " " + line.result().url();
            case DENIED -> String.join("; ", line.reasons());
            case FAILED, UNKNOWN -> line.failure() == null ? "" : line.failure().message();
            case STARTED -> "";
        };
        return line.replayOf() == null ? what : what + " (replay of " + line.replayOf() + ")";
    }

    private static String shorten(String content) {
        String oneLine = content.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN_CONTENT ? oneLine : oneLine.substring(0, SHOWN_CONTENT - 3) + "...";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A status as written in the history. */
    static final class StatusConverter implements ITypeConverter<ActionStatus> {
        @Override
        public ActionStatus convert(String value) {
            return ActionStatus.fromWireName(value).orElseThrow(() -> new TypeConversionException(
                    "expected started, done, denied, failed or unknown but was '" + value + "'"));
        }
    }
}
