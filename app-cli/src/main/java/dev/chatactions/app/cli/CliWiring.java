package dev.chatactions.app.cli;

import dev.chatactions.adapter.forgejo.ForgeSettings;
import dev.chatactions.adapter.forgejo.ForgejoPorts;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.adapter.woodpecker.WoodpeckerPorts;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.ActionService;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

/** The CLI's composition root: policy, ports and {@code ActionService} from the configuration. */
public final class CliWiring {

    private CliWiring() {
    }

    /**
     * The service over the adapters' live ports, its state restored from {@code history}. Without a
     * CI server {@code ci-run} is switched off in the policy and refused by the port, as on the server.
     *
     * @throws OperationFailedException when no forge is configured (check {@link UpstreamOptions#requireFor} first)
     */
    public static ActionService live(CliConfig config, HistoryPort history, Clock clock) {
        ForgeSettings forge = config.forge().orElseThrow(
                () -> new OperationFailedException("no forge configured: set " + String.join(", ", UpstreamOptions.FORGE_VARIABLES)));
        return ActionService.restore(policy(config),
                ForgejoPorts.live(forge), WoodpeckerPorts.live(config.ci()), history, clock);
    }

    /**
     * The service over the adapters' live ports on the shared database: the servers' own key ledger
     * and proposals, not a copy rebuilt from the history, so a key a server is running right now (or
     * left unknown when it died) is seen as such and never run a second time from here.
     *
     * @throws OperationFailedException when no forge is configured
     */
    public static ActionService live(CliConfig config, PostgresStore store, Duration keyLease, Clock clock) {
        ForgeSettings forge = config.forge().orElseThrow(
                () -> new OperationFailedException("no forge configured: set " + String.join(", ", UpstreamOptions.FORGE_VARIABLES)));
        return new ActionService(policy(config), ForgejoPorts.live(forge), WoodpeckerPorts.live(config.ci()), store.history(), clock,
                store.keyLedger(keyLease), store.proposals());
    }

    /**
     * A service that sends nothing and records nothing: the dry-run ports show the request each
     * action would send; earlier outcomes are still read from {@code history}.
     */
    public static ActionService dryRun(CliConfig config, HistoryPort history, Clock clock) {
        return ActionService.restore(policy(config),
                ForgejoPorts.dryRun(config.forge()), WoodpeckerPorts.dryRun(config.ci()), new ReadOnlyHistory(history), clock);
    }

    /** {@code CHAT_HISTORY_DIR} as a path; a value no file system accepts is the command's one-line error. */
    public static Path historyDir(CliConfig config) {
        try {
            return Path.of(config.historyDir());
        } catch (InvalidPathException e) {
            throw new OperationFailedException("CHAT_HISTORY_DIR is not a usable path: " + e.getReason());
        }
    }

    /** The deployment's policy, as the server runs it (see {@link CliConfig#policySettings()}). */
    public static ActionPolicy policy(CliConfig config) {
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
}
