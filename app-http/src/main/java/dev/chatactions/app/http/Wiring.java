package dev.chatactions.app.http;

import dev.chatactions.adapter.claude.ClaudeCliAssistant;
import dev.chatactions.adapter.forgejo.ForgejoOAuthClient;
import dev.chatactions.adapter.forgejo.ForgejoPorts;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.adapter.postgres.PostgresSingleUseTokens;
import dev.chatactions.adapter.postgres.PostgresStore;
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
import dev.chatactions.core.session.InMemoryRateLimiter;
import dev.chatactions.core.session.InMemorySessionStore;
import dev.chatactions.core.session.InMemorySingleUseTokens;
import dev.chatactions.core.session.RateLimiter;
import dev.chatactions.core.session.SessionStore;
import dev.chatactions.core.session.SingleUseTokens;
import dev.chatactions.core.service.LedgerRetention;
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

    /** How long an action request waits for the start-up restore before it is answered 503. */
    static final Duration RESTORE_PATIENCE = Duration.ofSeconds(2);

    final HttpSettings settings;
    final ActionService service;
    final Store store;
    final HistoryPort history;
    final Optional<ForgeLogin> forgeLogin;
    final boolean dryRun;
    final Sessions sessions;
    final SingleUseTokens pendingLogins;
    final SingleUseTokens loginLinks;
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
     * Who is signed in, sign-ins under way, sign-in links and rate limits: in this process's
     * memory, or in a database that several servers share.
     */
    record EdgeState(SessionStore sessions, SingleUseTokens pendingLogins, SingleUseTokens loginLinks, RateLimiter rateLimiter) {

        static EdgeState inMemory(Clock clock, HttpSettings settings) {
            return new EdgeState(new InMemorySessionStore(clock, settings.sessionLifetime()),
                    new InMemorySingleUseTokens(clock, SingleUseTokens.PENDING_SIGN_INS),
                    new InMemorySingleUseTokens(clock, SingleUseTokens.SIGN_IN_LINKS),
                    new InMemoryRateLimiter(clock, settings.actionsPerMinute()));
        }

        /** The state in {@code store}'s database, shared with every server on it. */
        static EdgeState postgres(PostgresStore store, Clock clock, HttpSettings settings) {
            return new EdgeState(store.sessions(clock, SessionStore.retention(settings.sessionLifetime())),
                    store.singleUseTokens(PostgresSingleUseTokens.PENDING_SIGN_INS, clock, SingleUseTokens.PENDING_SIGN_INS),
                    store.singleUseTokens(PostgresSingleUseTokens.SIGN_IN_LINKS, clock, SingleUseTokens.SIGN_IN_LINKS),
                    store.rateLimiter(clock, settings.actionsPerMinute()));
        }
    }

    /**
     * @param forgeLogin the OAuth flow; empty in dry-run mode, where {@link #loginLinks} sign people in
     * @param dryRun true when the ports send nothing
     * @param links which upstream URLs the pages show as links
     */
    Wiring(HttpSettings settings, ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, Store store,
            Optional<ForgeLogin> forgeLogin, boolean dryRun, LinkTargets links, Clock clock, Supplier<MeterRegistry> registry,
            Model model) {
        this(settings, policy, issueTracker, ci, store, forgeLogin, dryRun, links, clock, registry, model,
                EdgeState.inMemory(clock, settings));
    }

    /** @param edge where sessions, sign-ins and rate limits live */
    Wiring(HttpSettings settings, ActionPolicy policy, IssueTrackerPort issueTracker, CiPort ci, Store store,
            Optional<ForgeLogin> forgeLogin, boolean dryRun, LinkTargets links, Clock clock, Supplier<MeterRegistry> registry,
            Model model, EdgeState edge) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.history = store.history();
        this.forgeLogin = Objects.requireNonNull(forgeLogin, "forgeLogin");
        this.dryRun = dryRun;
        this.links = Objects.requireNonNull(links, "links");
        this.metrics = new ActionMetrics(registry);
        MeteredUpstream upstream = new MeteredUpstream(issueTracker, ci, metrics);
        this.service = store.restore()
                ? ActionService.restoreInBackground(policy, upstream, upstream, history, clock, store.ledger(), store.proposals(),
                        restore -> Thread.ofVirtual().name("history-restore").start(restore), RESTORE_PATIENCE)
                : new ActionService(policy, upstream, upstream, history, clock, store.ledger(), store.proposals());
        this.sessions = new Sessions(edge.sessions(), settings.secureCookies());
        this.pendingLogins = edge.pendingLogins();
        this.loginLinks = edge.loginLinks();
        this.rateLimiter = edge.rateLimiter();
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
        return new Model(assistant, chosen.label(), chosen.systemPrompt(), chosen.limits(), TurnRegistry.GRACE);
    }

    /**
     * The production wiring: the adapters' live ports when a forge is configured, their dry-run ports
     * otherwise; the NDJSON history with the ledger, sessions and rate limits in memory, or everything
     * in PostgreSQL when the config names a database.
     */
    static Wiring from(ServerConfig config, HttpSettings settings, ChatModel model, Clock clock,
            Supplier<MeterRegistry> registry) {
        IssueTrackerPort issueTracker = config.dryRun() ? ForgejoPorts.dryRun(config.forge()) : ForgejoPorts.live(config.forge().orElseThrow());
        CiPort ci = config.dryRun() ? WoodpeckerPorts.dryRun(config.ci()) : WoodpeckerPorts.live(config.ci());
        ActionPolicy policy = new ActionPolicy(config.policySettings());
        Optional<ForgeLogin> login = config.oauth().map(oauth -> new ForgejoLogin(ForgejoOAuthClient.create(oauth)));
        Optional<PostgresStore> shared = config.database().map(PostgresStore::open);
        Store store = shared.map(db -> Store.of(db, config.database().orElseThrow().keyLease()))
                .orElseGet(() -> Store.of(new NdjsonHistory(historyDir(config)), clock, config.ledgerRetention()));
        EdgeState edge = shared.map(db -> EdgeState.postgres(db, clock, settings)).orElseGet(() -> EdgeState.inMemory(clock, settings));
        return new Wiring(settings, policy, issueTracker, ci, store, login,
                config.dryRun(), config.linkTargets(), clock, registry, model(model), edge);
    }

    private static Path historyDir(ServerConfig config) {
        try {
            return Path.of(config.historyDir());
        } catch (InvalidPathException e) {
            throw new ConfigurationException("CHAT_HISTORY_DIR is not a usable path: " + e.getReason());
        }
    }
}
