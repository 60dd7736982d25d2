package dev.chatactions.app.cli;

import dev.chatactions.adapter.forgejo.ForgejoDryRunIssueTracker;
import dev.chatactions.adapter.forgejo.ForgejoIssueTrackerAdapter;
import dev.chatactions.adapter.woodpecker.WoodpeckerCiAdapter;
import dev.chatactions.adapter.woodpecker.WoodpeckerDryRunCi;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.config.ChatActionsConfig;
import dev.chatactions.core.config.CiSettings;
import dev.chatactions.core.config.ForgeSettings;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.service.ActionService;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** The CLI's composition root: policy, ports and {@code ActionService} from the configuration. */
public final class CliWiring {

    private CliWiring() {
    }

    /**
     * The service over the real adapters, its state restored from {@code history}. Without a CI
     * server {@code ci-run} is switched off in the policy, as on the server.
     *
     * @throws OperationFailedException when no forge is configured (check {@link UpstreamOptions#requireFor} first)
     */
    public static ActionService live(ChatActionsConfig config, HistoryPort history, Clock clock) {
        ForgeSettings forge = config.forge().orElseThrow(
                () -> new OperationFailedException("no forge configured: set " + String.join(", ", UpstreamOptions.FORGE_VARIABLES)));
        CiPort ci = config.ci().<CiPort>map(WoodpeckerCiAdapter::create).orElseGet(NoCi::new);
        return ActionService.restore(policy(config),
                ForgejoIssueTrackerAdapter.create(forge), ci, history, clock);
    }

    /**
     * A service that sends nothing and records nothing: the dry-run ports show the request each
     * action would send; earlier outcomes are still read from {@code history}.
     */
    public static ActionService dryRun(ChatActionsConfig config, HistoryPort history, Clock clock) {
        IssueTrackerPort tracker = new ForgejoDryRunIssueTracker(config.forge().map(ForgeSettings::url).orElse(null));
        CiPort ci = new WoodpeckerDryRunCi(config.ci().map(CiSettings::server).orElse(null),
                config.ci().map(CiSettings::repoIdOverride).orElse(null));
        return ActionService.restore(policy(config),
                tracker, ci, new ReadOnlyHistory(history), clock);
    }

    /** {@code CHAT_HISTORY_DIR} as a path; a value no file system accepts is the command's one-line error. */
    public static Path historyDir(ChatActionsConfig config) {
        try {
            return Path.of(config.historyDir());
        } catch (InvalidPathException e) {
            throw new OperationFailedException("CHAT_HISTORY_DIR is not a usable path: " + e.getReason());
        }
    }

    /** The deployment's policy, as the server runs it (see {@link ChatActionsConfig#policySettings()}). */
    public static ActionPolicy policy(ChatActionsConfig config) {
        return new ActionPolicy(config.policySettings());
    }

    /** Reads from the history, drops every append: a dry run leaves no trace. */
    private record ReadOnlyHistory(HistoryPort history) implements HistoryPort {
        @Override
        public void append(HistoryRecord record) {
            // dry run: nothing happened, so nothing is recorded
        }

        @Override
        public Stream<HistoryRecord> conversation(String user, String conversation) {
            return history.conversation(user, conversation);
        }

        @Override
        public Stream<String> conversations(String user) {
            return history.conversations(user);
        }

        @Override
        public Stream<HistoryRecord> user(String user) {
            return history.user(user);
        }

        @Override
        public Stream<HistoryRecord> all() {
            return history.all();
        }
    }

    /** Stands in when no CI server is configured; the policy switches ci-run off, so it is never called. */
    private static final class NoCi implements CiPort {
        @Override
        public ActionResult triggerPipeline(CiRun run, String key) {
            throw new IllegalStateException("no CI server configured (WOODPECKER_SERVER)");
        }

        @Override
        public Optional<ActionResult> findTriggered(CiRun run, String key, Instant since) {
            throw new IllegalStateException("no CI server configured (WOODPECKER_SERVER)");
        }
    }
}
