package dev.chatactions.app.cli.action;

import dev.chatactions.adapter.history.HistoryLocation;
import dev.chatactions.adapter.history.HistoryLocation.Owner;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.app.cli.CliConfig;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliHistory;
import dev.chatactions.app.cli.CliWiring;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.app.cli.Progress;
import dev.chatactions.app.cli.UpstreamOptions;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.UnreadableLine;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ReplayActionUseCase;
import dev.chatactions.core.service.ReplayPlan;
import dev.chatactions.core.service.ReplayPlan.Item;
import dev.chatactions.core.service.ReplayPlan.Step;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "replay",
        description = {
            "Shows, or with --execute runs, what a replay of a history file's failed and unknown actions does.",
            "",
            "Reads the action records of one history file and shows, for each attempt, what a replay would do now: "
                    + "skip (already done: its key is done in the history), skip (denied: denials are never "
                    + "replayed), or run again (failed, or unknown: look for what it created first).",
            "With --execute it runs those: the policy is checked as it is today, an unknown attempt is first looked "
                    + "for upstream (the forge keeps the key in what it creates), and the new outcomes are appended "
                    + "to the same file, linked to the original by replay_of. Running it twice runs nothing twice. "
                    + "A record that cannot run (e.g. a key with \"--\") is reported and denied; the replay goes on "
                    + "and exits 1 at the end.",
            "HISTORY_FILE must lie in a history directory: DIR/USER/CONVERSATION.ndjson or DIR/USER/actions.ndjson.",
            "With CHAT_DATABASE_URL set (and CHAT_DATABASE_USER, CHAT_DATABASE_PASSWORD) it replays a conversation of the "
                    + "PostgreSQL store instead, named USER/CONVERSATION or USER/actions, and appends the outcomes there.",
            "A dry run needs no settings; --execute needs FORGE_URL, FORGE_TOKEN, FORGE_OWNER, FORGE_REPO "
                    + "(and WOODPECKER_SERVER, WOODPECKER_TOKEN when a ci-run is to run)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions replay chat-history/alice/actions.ndjson",
            "  chat-actions replay chat-history/alice/0123456789ab.ndjson --execute",
            "  chat-actions replay chat-history/alice/actions.ndjson --only unknown",
            "  chat-actions replay chat-history/bob/actions.ndjson --since 2026-11-23",
        })
public final class ReplayCommand implements Callable<Integer> {

    /** Which of the attempts that would run again to keep. */
    enum Only {
        FAILED(Step.RUN_FAILED),
        UNKNOWN(Step.RECONCILE_UNKNOWN);

        private final Step step;

        Only(Step step) {
            this.step = step;
        }
    }

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "HISTORY_FILE", description = "The NDJSON history file to replay.")
    private Path file;

    @Option(names = "--execute", description = "Run the failed and unknown attempts (default: only show the plan).")
    private boolean execute;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only attempts of this type (e.g. issue-create).")
    private String type;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "Only attempts recorded at or after TIME (2026-11-23T20:00:00Z, or a UTC date 2026-11-23).")
    private Instant since;

    @Option(names = "--only", paramLabel = "failed|unknown",
            description = "Only the failed, or only the unknown, attempts.")
    private Only only;

    @Mixin
    private UpstreamOptions upstream;

    @Mixin
    private OutputOption output;

    ReplayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ReplayPlan plan;
        Map<Item, ActionOutcome> outcomes;
        try (CliHistory history = CliHistory.open(context)) {
            plan = plan(history);
            List<Item> toRun = plan.items().stream().filter(item -> item.step().runs()).toList();
            outcomes = execute && !toRun.isEmpty() ? run(history, toRun) : Map.of();
        }

        List<Map<String, Object>> items = plan.items().stream().map(item -> json(item, outcomes.get(item))).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.toString());
        json.put("execute", execute);
        json.put("items", items);
        output.print(context.out(), json, out -> printText(out, plan, outcomes));

        long notDone = outcomes.values().stream().filter(outcome -> !Outcomes.succeeded(outcome)).count();
        if (notDone > 0) {
            throw new OperationFailedException(notDone + " of " + outcomes.size() + " replayed attempts did not complete; see above");
        }
        return ExitCodes.OK;
    }

    private ReplayPlan plan(CliHistory history) {
        List<UnreadableLine> unreadable = new ArrayList<>();
        ReplayPlan plan;
        try (Stream<HistoryRecord> records = history.records(file)) {
            plan = ReplayPlan.of(records.<ActionLine>mapMulti((record, lines) -> {
                if (record instanceof ActionLine line) {
                    lines.accept(line);
                } else if (record instanceof UnreadableLine bad) {
                    unreadable.add(bad);
                }
            }), filter());
        } catch (HistoryException e) {
            throw CliHistory.failed(e);
        }
        if (!unreadable.isEmpty()) {
            UnreadableLine first = unreadable.get(0);
            context.err().println("chat-actions: warning: " + unreadable.size() + " unreadable line(s) left out, first at "
                    + first.location() + ": " + first.problem());
        }
        return plan;
    }

    private Predicate<Item> filter() {
        return item -> (type == null || type.equals(item.line().type()))
                && (since == null || !item.line().ts().isBefore(since))
                && (only == null || item.step() == only.step);
    }

    private Map<Item, ActionOutcome> run(CliHistory history, List<Item> toRun) {
        Set<String> types = toRun.stream().map(item -> item.line().type()).collect(Collectors.toSet());
        upstream.requireFor(context.environment(), types, "replay --execute");
        HistoryPort appendTo;
        Owner owner;
        if (history.store().isPresent()) {
            appendTo = history.store().get().history();
            owner = CliHistory.owner(file);
        } else {
            HistoryLocation location;
            try {
                location = HistoryLocation.of(file);
            } catch (IllegalArgumentException e) {
                throw new OperationFailedException(e.getMessage() + ", where replay --execute appends");
            }
            appendTo = new NdjsonHistory(location.directory());
            owner = location.owner();
        }
        toRun.stream().map(Item::line).filter(line -> !owner.holds(line.user(), line.conversation())).findFirst().ifPresent(line -> {
            throw new OperationFailedException("the attempt with key " + line.key() + " is recorded for user " + line.user()
                    + (line.conversation() == null ? "" : ", conversation " + line.conversation())
                    + ", so its outcome would go to another conversation than " + file + "; nothing was run");
        });
        CliConfig config = upstream.config(context.environment());
        ReplayActionUseCase service = history.store().isPresent()
                ? CliWiring.live(config, history.store().get(), CliHistory.database(context).orElseThrow().keyLease(), Clock.systemUTC())
                : CliWiring.live(config, appendTo, Clock.systemUTC());
        Map<Item, ActionOutcome> outcomes = new IdentityHashMap<>();
        try (Progress progress = Progress.of(context, "replay", toRun.size())) {
            for (Item item : toRun) {
                outcomes.put(item, service.replay(item.line()));
                progress.step();
            }
        }
        return outcomes;
    }

    private static Map<String, Object> json(Item item, ActionOutcome outcome) {
        ActionLine line = item.line();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ts", line.ts().toString());
        json.put("user", line.user());
        json.put("conversation", line.conversation());
        json.put("type", line.type());
        json.put("key", line.key());
        json.put("status", line.status().wireName());
        json.put("step", item.step().name().toLowerCase(java.util.Locale.ROOT));
        json.put("plan", item.step().describe());
        if (outcome != null) {
            json.put("outcome", Outcomes.json(outcome));
        }
        return json;
    }

    private void printText(PrintWriter out, ReplayPlan plan, Map<Item, ActionOutcome> outcomes) {
        for (Item item : plan.items()) {
            ActionLine line = item.line();
            ActionOutcome outcome = outcomes.get(item);
            out.printf("%-20s  %-12s  %-34s  %s%n", line.ts(), line.type(), line.key(),
                    outcome == null ? item.step().describe() : Outcomes.describe(outcome));
        }
        long runs = plan.count(Step.RUN_FAILED) + plan.count(Step.RECONCILE_UNKNOWN);
        long skips = plan.items().size() - runs;
        if (execute) {
            out.println(outcomes.size() + " replayed, " + skips + " skipped");
        } else {
            out.println(runs + " to run again, " + skips + " to skip; nothing was sent (add --execute to run them)");
        }
    }

    /** An instant, or a date meaning its start in UTC. */
    static final class SinceConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected a time like 2026-11-23T20:00:00Z or a date like 2026-11-23, but was '"
                        + value + "'");
            }
        }
    }
}
