package dev.chatactions.app.http;

import dev.chatactions.adapter.claude.FileSystemPathResolver;
import dev.chatactions.core.conversation.AssistantTextReview;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.session.SingleUseTokens;
import dev.chatactions.core.session.StateUnavailableException;
import dev.chatactions.core.service.ServiceStarting;
import io.helidon.common.config.Config;
import io.helidon.common.config.GlobalConfig;
import io.helidon.http.HttpException;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The chat action server: reads the environment, wires the adapters and serves the chat. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** What a request refused while the history is still being read is told to wait. */
    static final long STARTING_RETRY_AFTER_SECONDS = 2;

    private Main() {}

    /** A started server on {@code host:port} (tests: 0 for any free port) serving {@code wiring}. */
    static WebServer start(Wiring wiring, String host, int port) {
        return start(wiring, host, port, EdgeLimits.IDLE_TIMEOUT, EdgeLimits.READ_TIMEOUT);
    }

    /** As {@link #start(Wiring, String, int)} with other timeouts (tests of silent and slow clients). */
    static WebServer start(Wiring wiring, String host, int port, Duration idleTimeout, Duration readTimeout) {
        DroppedConnectionLog.install();
        ReadDeadlines deadlines = new ReadDeadlines(readTimeout);
        WebServerConfig.Builder server = WebServer.builder();
        EdgeLimits.applyTo(server, idleTimeout, deadlines);
        return server
                .host(host)
                .port(port)
                .shutdownHook(true)
                .addFeature(observe())
                .routing(routing -> routing(routing, wiring, deadlines))
                .build()
                .start();
    }

    /** /health and /metrics at the top level, as the deployment's probes and scrapers expect. */
    static ObserveFeature observe() {
        return ObserveFeature.builder()
                .endpoint("/")
                .observersDiscoverServices(false)
                .addObserver(HealthObserver.builder().details(true).build())
                .addObserver(MetricsObserver.create())
                .build();
    }

    /**
     * Every filter, route and error answer of the server; what needs a socket (limits, timeouts) is in
     * {@link #start}. Tests also serve this routing in memory.
     */
    static void routing(HttpRouting.Builder routing, Wiring wiring, ReadDeadlines deadlines) {
        routing.addFilter(deadlines);
        RequestGuard guard = new RequestGuard(wiring.sessions, wiring.settings);
        AssistantTextRenderer renderer = new AssistantTextRenderer(AssistantTextReview.offering(wiring.service), wiring.links);
        wiring.converse.ifPresent(converse ->
                routing.register("/chat", new ConverseHttpService(converse, wiring.turns, renderer, guard,
                        wiring.modelLabel)));
        routing.addFilter(new SecurityHeaders())
                .addFilter(new RequestFraming())
                .addFilter(new HeadAsGet())
                .register("/webjars", StaticContentFeature.createService(
                        ClasspathHandlerConfig.builder().location("META-INF/resources/webjars").build()))
                .register("/static", StaticContentFeature.createService(
                        ClasspathHandlerConfig.builder().location("static").build()))
                .register("/chat", new LoginHttpService(wiring.forgeLogin, wiring.pendingLogins, wiring.loginLinks,
                        wiring.sessions, guard, wiring.settings))
                .register("/chat", new ChatHttpService(wiring.history, renderer, guard, wiring.dryRun, wiring.converse,
                        wiring.modelLabel))
                .register("/chat/action", new ActionHttpService(wiring.service, guard, wiring.rateLimiter, wiring.metrics, wiring.links))
                .get("/", (req, res) -> Responses.redirect(res, URI.create("/chat/")))
                .error(HttpProblem.class, Main::problem)
                .error(StateUnavailableException.class, (req, res, e) -> {
                    LOG.warning(e.getMessage());
                    problem(req, res, new HttpProblem(503, "state-unavailable", "Sessions unavailable",
                            "sessions cannot be checked right now; try again in a moment", Map.of(), Map.of("Retry-After", "5")));
                })
                // The history or the shared store is out of reach (a full disk, a lost database): nothing was
                // done that is not recorded, so the client may try again.
                .error(HistoryException.class, (req, res, e) -> problem(req, res, new HttpProblem(503, "store-unavailable",
                        "Store unavailable", "the history could not be read or written; try again later")))
                .error(ServiceStarting.class, (req, res, e) -> problem(req, res, new HttpProblem(503, "starting",
                        "Starting", e.getMessage(), Map.of(), Map.of("Retry-After", Long.toString(STARTING_RETRY_AFTER_SECONDS)))))
                .error(HttpException.class, (req, res, e) -> problem(req, res, new HttpProblem(e.status().code(),
                        "http-" + e.status().code(), e.status().reasonPhrase(), e.getMessage())))
                .error(RuntimeException.class, (req, res, e) -> {
                    LOG.log(Level.SEVERE, "unexpected error on " + req.prologue().method() + " " + req.path().path(), e);
                    problem(req, res, new HttpProblem(500, "internal", "Internal error", "unexpected server error; see the server log"));
                });
    }

    /** Answers {@code problem} as problem+json, or as an HTML fragment to htmx, with the security headers. */
    static void problem(ServerRequest req, ServerResponse res, HttpProblem problem) {
        SecurityHeaders.addTo(res);
        if (ActionHttpService.isHtmx(req)) {
            problem.headers().forEach(res::header);
            Responses.html(res, problem.status(), ChatHtml.problem(problem));
        } else {
            Responses.problem(res, problem);
        }
    }

    public static void main(String[] args) {
        try {
            run(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("chat-actions-http: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // An unusable history directory, a port in use: one line, no stack trace.
            System.err.println("chat-actions-http: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads the settings, wires everything, starts serving and says how to sign in. */
    static WebServer run(Map<String, String> env) {
        // Every setting comes from the environment through ServerConfig. Helidon's own configuration
        // (files, environment and system properties, found by scanning the class path) is not used,
        // and building it when metrics first asked for it took about 45 ms of start-up (BENCHMARKS.md).
        GlobalConfig.config(Config::empty, true);
        ServerConfig config = ServerConfig.fromEnvironment(env);
        HttpSettings settings = HttpSettings.from(config, env);
        ChatModel model = ChatModel.from(env, config.defaultRepo(), config.dryRun(), new FileSystemPathResolver());
        long launched = System.nanoTime();
        Wiring wiring = Wiring.from(config, settings, model, Clock.systemUTC(), Metrics::globalRegistry);
        String demoUser = DemoConversation.user();
        if (wiring.dryRun) {
            DemoConversation.seedIfEmpty(wiring.history, demoUser, Clock.systemUTC());
        }
        WebServer server = start(wiring, config.host(), config.port());
        wiring.service.restoration().whenComplete((restored, failure) -> {
            long millis = (System.nanoTime() - launched) / 1_000_000;
            if (failure == null) {
                LOG.info(() -> "action history restored " + millis + " ms after start-up");
            } else {
                LOG.severe(() -> "action history could not be restored; action requests are answered 503: "
                        + (failure.getCause() != null ? failure.getCause() : failure).getMessage());
            }
        });
        if (wiring.dryRun) {
            URI login = settings.publicPath("/chat/login?token=" + wiring.loginLinks.issue(demoUser));
            System.out.println("chat-actions: dry run, nothing is sent to a forge or CI (set FORGE_URL to go live).");
            System.out.println("Chat model: " + wiring.modelLabel + " (CHAT_MODEL=demo|none|live).");
            System.out.println("Sign in (one-time link, valid " + SingleUseTokens.SIGN_IN_LINKS.lifetime().toMinutes() + " minutes): " + login);
        } else {
            LOG.info(() -> "chat-actions serving " + config.publicUrl() + " for forge " + config.forge().orElseThrow().url()
                    + ", chat model: " + wiring.modelLabel);
        }
        return server;
    }
}
