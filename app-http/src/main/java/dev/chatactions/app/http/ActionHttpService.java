package dev.chatactions.app.http;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ConversationId;
import dev.chatactions.core.service.ExecuteActionUseCase;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.service.ExecuteActionUseCase.ProposalClaim;
import dev.chatactions.core.session.RateLimiter;
import dev.chatactions.core.session.Session;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /chat/action/{type}}: one click (or API call) becomes one execution. Every type is
 * accepted here and handed to the service, so an unknown or destructive one is denied by the
 * policy and recorded, never a silent 404.
 */
final class ActionHttpService implements HttpService {

    /** The marker grammar's type names; anything else is not even a name to deny. */
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final HeaderName HX_REQUEST = HeaderNames.create("HX-Request");

    private final ExecuteActionUseCase actions;
    private final RequestGuard guard;
    private final RateLimiter rateLimiter;
    private final ActionMetrics metrics;
    private final LinkTargets links;

    ActionHttpService(ExecuteActionUseCase actions, RequestGuard guard, RateLimiter rateLimiter, ActionMetrics metrics,
            LinkTargets links) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{type}", this::execute);
    }

    private void execute(ServerRequest req, ServerResponse res) {
        Session session = guard.sessionForChange(req);
        String body = RequestBodies.json(req);
        OptionalLong wait = rateLimiter.acquire(session.user());
        if (wait.isPresent()) {
            throw new HttpProblem(429, "rate-limited", "Too many actions",
                    "too many actions; try again in " + wait.getAsLong() + " s", Map.of(),
                    Map.of("Retry-After", Long.toString(wait.getAsLong())));
        }
        String type = req.path().pathParameters().get("type");
        if (!ActionType.isTypeName(type)) {
            throw HttpProblem.badRequest("an action type is 1-64 of [a-z0-9-], starting with a letter");
        }
        ExecuteActionCommand command = command(req, session.user(), type, body);
        ActionOutcome outcome = actions.execute(command);
        metrics.record(type, outcome);
        OutcomeAnswer answer = OutcomeAnswer.of(type, outcome);
        if (isHtmx(req)) {
            Responses.html(res, answer.status(), ChatHtml.outcome(type, outcome, links));
        } else if (answer.isProblem()) {
            Responses.problem(res, answer.problem());
        } else {
            Responses.json(res, answer.status(), answer.document());
        }
    }

    private static ExecuteActionCommand command(ServerRequest req, String user, String type, String body) {
        Payload payload;
        try {
            payload = PayloadJson.read(body);
        } catch (InvalidJsonException e) {
            throw HttpProblem.badRequest("the body must be one JSON object: " + e.getMessage());
        }
        String conversation = query(req, "conversation").orElse(null);
        Optional<String> proposal = query(req, "proposal");
        Optional<String> digest = query(req, "digest");
        if (proposal.isPresent() != digest.isPresent()) {
            throw HttpProblem.badRequest("proposal and digest go together: send both or neither");
        }
        String idempotencyKey = req.headers().first(IDEMPOTENCY_KEY).orElse(null);
        try {
            ConversationId.ofNullable(conversation);
            ProposalClaim claim = proposal.isPresent() ? new ProposalClaim(proposal.get(), digest.get()) : null;
            return new ExecuteActionCommand(user, conversation, type, payload, idempotencyKey, claim);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(v -> !v.isEmpty());
    }

    static boolean isHtmx(ServerRequest req) {
        return req.headers().first(HX_REQUEST).map("true"::equals).orElse(false);
    }
}
