package dev.chatactions.app.cli.action;

import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliWiring;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.OutputFormat;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.app.cli.UpstreamOptions;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.config.ChatActionsConfig;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ExecuteActionUseCase;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        description = {
            "Runs one action and records it in the history.",
            "",
            "Runs one action the way a click in the chat does: the policy decides, the same key never reaches "
                    + "the forge twice, and the attempt is recorded in the history (CHAT_HISTORY_DIR/USER/...).",
            "Prints what was created (number and link), or why not: a denial lists every reason (exit 1).",
            "Needs FORGE_URL, FORGE_TOKEN, FORGE_OWNER, FORGE_REPO (and WOODPECKER_SERVER, WOODPECKER_TOKEN for "
                    + "ci-run); --dry-run needs none, sends nothing and records nothing."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions run issue-create --payload '{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}'",
            "  chat-actions run pr-create --payload @pr.json --key fix-flaky-1",
            "  chat-actions run ci-run --payload '{\"branch\":\"main\"}' --dry-run -o json",
        })
public final class RunCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE", description = "ci-run, issue-create or pr-create.")
    private String type;

    @Option(names = "--payload", required = true, paramLabel = "JSON|@FILE",
            description = "The action's JSON object, or @FILE to read it from a file.")
    private String payload;

    @Option(names = "--conversation", paramLabel = "ID",
            description = "The conversation it belongs to (12 hex characters); default: none ({user}/actions.ndjson).")
    private String conversation;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Idempotency key, 1-128 of A-Z a-z 0-9 . _ : - without \"--\": the same key never runs twice "
                    + "(default: derived from user, conversation and payload, and for ci-run the UTC day).")
    private String key;

    @Option(names = "--user", paramLabel = "USER", description = "Record it as this user (default: the OS user).")
    private String user;

    @Option(names = "--history-dir", paramLabel = "DIR",
            description = "The history directory (default: CHAT_HISTORY_DIR, else ./chat-history).")
    private Path historyDir;

    @Option(names = "--dry-run", description = "Check and show the request that would be sent; send and record nothing.")
    private boolean dryRun;

    @Mixin
    private UpstreamOptions upstream;

    @Mixin
    private OutputOption output;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ExecuteActionCommand command = command(readPayload());
        if (!dryRun) {
            upstream.requireFor(context.environment(), Set.of(type), "run");
        }
        ChatActionsConfig config = upstream.config(context.environment());
        HistoryPort history = new NdjsonHistory(historyDir != null ? historyDir : CliWiring.historyDir(config));
        ExecuteActionUseCase service = dryRun
                ? CliWiring.dryRun(config, history, Clock.systemUTC())
                : CliWiring.live(config, history, Clock.systemUTC());
        ActionOutcome outcome = service.execute(command);
        boolean succeeded = Outcomes.succeeded(outcome);
        if (succeeded || output.format() == OutputFormat.JSON) {
            output.print(context.out(), Outcomes.json(outcome), out -> out.println(Outcomes.describe(outcome)));
        }
        if (!succeeded) {
            throw new OperationFailedException(Outcomes.describe(outcome));
        }
        return ExitCodes.OK;
    }

    private Payload readPayload() {
        String json = payload.startsWith("@") ? ParseCommand.read(Path.of(payload.substring(1))) : payload;
        try {
            return PayloadJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--payload is not a JSON object: " + e.getMessage());
        }
    }

    private ExecuteActionCommand command(Payload json) {
        String who = user != null ? user : context.osUser();
        try {
            return new ExecuteActionCommand(who, conversation, type, json, key, null);
        } catch (IllegalArgumentException e) {
            String hint = user == null && e.getMessage().startsWith("user") ? " (the OS user name does not fit: use --user)" : "";
            throw new ParameterException(spec.commandLine(), e.getMessage() + hint);
        }
    }
}
