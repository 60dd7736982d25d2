package dev.chatactions.app.http;

import dev.chatactions.adapter.claude.ClaudeCliAssistant;
import dev.chatactions.adapter.forgejo.ForgejoOAuthClient;
import dev.chatactions.adapter.forgejo.ForgejoPorts;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.adapter.woodpecker.WoodpeckerPorts;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.conversation.AssistantTextReview;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.conversation.ConverseService;
import dev.chatactions.core.conversation.ConverseUseCase;
import dev.chatactions.core.conversation.demo.DemoAssistant;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.CiPort;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.IssueTrackerPort;
import dev.chatactions.core.service.ActionService;
import dev.chatactions.core.service.Retention;
import io.helidon.metrics.api.MeterRegistry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The composition root's output: the service over the (metered) ports and the history, plus the
 * edge's own state (sessions, pending logins, login links, rate limits). Built once at start-up;
 * tests build one over fakes.
 */
final class Wiring {

    static final Duration PENDING_LOGIN_LIFETIME = Duration.ofMinutes(10);
    static final Duration LOGIN_LINK_LIFETIME = Duration.ofMinutes(30);
    /** How long an action request waits for the start-up restore before it is answered 503. */
    static final Duration RESTORE_PATIENCE = Duration.ofSeconds(2);

    final HttpSettings settings;
    final ActionService service;
    final HistoryPort history;
    final Optional<ForgeLogin> forgeLogin;
    final boolean dryRun;
    final Sessions sessions;
    final SingleUseTokens<String> pendingLogins;
    final SingleUseTokens<String> loginLinks;
    final RateLimiter rateLimiter;
    final ActionMetrics metrics;
    final LinkTargets links;
    /** The conversation; empty without a model ({@code CHAT_MODEL=none}). */
    final Optional<ConverseUseCase> converse;
    final TurnRegistry turns;
    final String modelLabel;

    /**
     * The chat's model and its settings.
     *
     * @param assistant the model; null for none (only {@code POST /chat/render})
     * @param label how the page names it
     * @param grace how long a running turn waits for a client to come back before it is cancelled
     */
    record Model(AssistantPort assistant, String label, String systemPrompt, ConverseLimits limits, Duration grace) {}

    /**
     * @param forgeLogin the OAuth flow; empty in dry-run mode, where {@link #loginLinks} sign people in
     * @param dryRun true when the ports send nothing
     * @param links which upstream URLs the pages show as links
     */
    Wiring(HttpSettings settings, ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history,
            Optional<ForgeLogin> forgeLogin, boolean dryRun, LinkTargets links, Clock clock, Supplier<MeterRegistry> registry,
            Model model) {
        this(settings, policy, issueTracker, ci, history, forgeLogin, dryRun, links, clock, registry, model,
                Retention.of(Retention.DEFAULT_WINDOW));
    }

    /**
     * @param retention what of the key ledger and the proposals stays in memory; the history is read in
     *     the background, so the port opens before a long history is read
     */
    Wiring(HttpSettings settings, ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, HistoryPort history,
            Optional<ForgeLogin> forgeLogin, boolean dryRun, LinkTargets links, Clock clock, Supplier<MeterRegistry> registry,
            Model model, Retention retention) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.history = Objects.requireNonNull(history, "history");
        this.forgeLogin = Objects.requireNonNull(forgeLogin, "forgeLogin");
        this.dryRun = dryRun;
        this.links = Objects.requireNonNull(links, "links");
        this.metrics = new ActionMetrics(registry);
        MeteredUpstream upstream = new MeteredUpstream(issueTracker, ci, metrics);
        this.service = ActionService.restoreInBackground(policy, upstream, upstream, history, clock, retention,
                restore -> Thread.ofVirtual().name("history-restore").start(restore), RESTORE_PATIENCE);
        this.sessions = new Sessions(clock, settings.sessionLifetime(), settings.secureCookies());
        this.pendingLogins = new SingleUseTokens<>(clock, PENDING_LOGIN_LIFETIME, SingleUseTokens.PER_CLIENT);
        this.loginLinks = new SingleUseTokens<>(clock, LOGIN_LINK_LIFETIME, SingleUseTokens.CAPACITY);
        this.rateLimiter = new RateLimiter(clock, settings.actionsPerMinute());
        this.modelLabel = model.label();
        this.turns = new TurnRegistry(model.grace());
        // Turns run on virtual threads; the caps of ConverseLimits bound how many at once.
        this.converse = Optional.ofNullable(model.assistant()).map(assistant -> new ConverseService(assistant,
                AssistantTextReview.offering(service), history, clock, model.limits(), model.systemPrompt(),
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-turn-", 0).factory())));
    }

    /** The model of {@code chosen}: none, the demo model, or the claude CLI (whose environment its adapter builds from nothing). */
    static Model model(ChatModel chosen) {
        AssistantPort assistant = switch (chosen.kind()) {
            case NONE -> null;
            case DEMO -> DemoAssistant.humanPace();
            case LIVE -> new ClaudeCliAssistant(chosen.claude().orElseThrow());
        };
        return new Model(assistant, chosen.label(), chosen.systemPrompt(), ConverseLimits.defaults(), TurnRegistry.GRACE);
    }

    /**
     * The production wiring: the adapters' live ports when a forge is configured, their dry-run ports
     * otherwise; NDJSON history.
     */
    static Wiring from(ServerConfig config, HttpSettings settings, ChatModel model, Clock clock,
            Supplier<MeterRegistry> registry) {
        IssueTrackerPort issueTracker = config.dryRun() ? ForgejoPorts.dryRun(config.forge()) : ForgejoPorts.live(config.forge().orElseThrow());
        CiPort ci = config.dryRun() ? WoodpeckerPorts.dryRun(config.ci()) : WoodpeckerPorts.live(config.ci());
        ActionPolicy policy = new ActionPolicy(config.policySettings());
        Optional<ForgeLogin> login = config.oauth().map(oauth -> new ForgejoLogin(ForgejoOAuthClient.create(oauth)));
        return new Wiring(settings, policy, issueTracker, ci, new NdjsonHistory(historyDir(config)), login,
                config.dryRun(), config.linkTargets(), clock, registry, model(model), config.ledgerRetention());
    }

    private static Path historyDir(ServerConfig config) {
        try {
            return Path.of(config.historyDir());
        } catch (InvalidPathException e) {
            throw new ConfigurationException("CHAT_HISTORY_DIR is not a usable path: " + e.getReason());
        }
    }
}
