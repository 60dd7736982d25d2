package dev.chatactions.app.http;

import dev.chatactions.core.config.Secret;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.session.SecretTokens;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SingleUseTokens;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sign-in and sign-out: the forge's OAuth2 flow (state and PKCE verifier kept here, one use each),
 * or in dry-run mode the one-time link printed at start-up; sign-out; and {@code /chat/auth/verify}
 * for a reverse proxy's forward-auth.
 */
final class LoginHttpService implements HttpService {

    static final String CALLBACK_PATH = "/chat/oauth/callback";
    static final String FORWARD_AUTH_HEADER = "X-Forward-Auth-Secret";
    private static final Logger LOG = Logger.getLogger(LoginHttpService.class.getName());

    private final Optional<ForgeLogin> forge;
    private final SingleUseTokens pendingLogins;
    private final SingleUseTokens loginLinks;
    private final Sessions sessions;
    private final RequestGuard guard;
    private final HttpSettings settings;

    /**
     * @param forge the OAuth flow, empty in dry-run mode
     * @param pendingLogins OAuth {@code state} to PKCE verifier
     * @param loginLinks one-time login tokens to user (dry-run mode)
     */
    LoginHttpService(Optional<ForgeLogin> forge, SingleUseTokens pendingLogins, SingleUseTokens loginLinks,
            Sessions sessions, RequestGuard guard, HttpSettings settings) {
        this.forge = Objects.requireNonNull(forge, "forge");
        this.pendingLogins = Objects.requireNonNull(pendingLogins, "pendingLogins");
        this.loginLinks = Objects.requireNonNull(loginLinks, "loginLinks");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::login)
                .get("/oauth/callback", this::callback)
                .post("/logout", this::logout)
                .get("/auth/verify", this::verify);
    }

    private void login(ServerRequest req, ServerResponse res) {
        Optional<String> token = req.query().first("token").asOptional();
        if (token.isPresent()) {
            Optional<String> user = loginLinks.redeem(token.get());
            if (user.isEmpty()) {
                Responses.html(res, 403, ChatHtml.plainPage("Link used or expired",
                        "This login link was already used or has expired. Restart the server for a new one."));
                return;
            }
            signIn(res, user.get());
            return;
        }
        if (forge.isEmpty()) {
            Responses.html(res, 401, ChatHtml.plainPage("Sign in",
                    "Dry-run mode has no login provider: open the one-time login link printed when the server started."));
            return;
        }
        String verifier = SecretTokens.random256();
        String state = pendingLogins.issue(ClientAddress.of(req, settings.trustedProxies()), verifier);
        Responses.redirect(res, forge.get().authorizationUri(settings.publicPath(CALLBACK_PATH), state, verifier));
    }

    private void callback(ServerRequest req, ServerResponse res) {
        Optional<String> verifier = pendingLogins.redeem(req.query().first("state").asOptional().orElse(null));
        if (forge.isEmpty() || verifier.isEmpty()) {
            Responses.html(res, 400, ChatHtml.plainPage("Sign-in failed",
                    "This sign-in attempt is unknown, used or expired. Start again at /chat/login."));
            return;
        }
        Optional<String> code = req.query().first("code").asOptional().filter(c -> !c.isBlank());
        if (code.isEmpty()) {
            Responses.html(res, 403, ChatHtml.plainPage("Sign-in refused",
                    "The forge did not grant access (" + req.query().first("error").asOptional().orElse("no code") + ")."));
            return;
        }
        String user;
        try {
            user = forge.get().signedInUser(code.get(), verifier.get(), settings.publicPath(CALLBACK_PATH));
        } catch (UpstreamException e) {
            LOG.warning("sign-in failed: " + e.getMessage());
            if (e.failure().kind() == Failure.Kind.REJECTED) {
                // The code was refused (used, expired or forged): the browser's request is at fault, not the forge.
                Responses.html(res, 400, ChatHtml.plainPage("Sign-in failed",
                        "The forge did not accept this sign-in (the code is used, expired or not valid). Start again at /chat/login."));
            } else {
                Responses.html(res, 502, ChatHtml.plainPage("Sign-in failed",
                        "The forge could not be reached to confirm the sign-in. Try again in a minute at /chat/login."));
            }
            return;
        }
        if (!settings.allowedUsers().contains(user)) {
            LOG.info("sign-in refused for \"" + user.replaceAll("\\p{Cntrl}", "?") + "\": not in DISINTO_CHAT_ALLOWED_USERS");
            Responses.html(res, 403, ChatHtml.plainPage("Not allowed",
                    "The forge user \"" + user + "\" is not allowed to use this chat. Ask the operator to add it to DISINTO_CHAT_ALLOWED_USERS."));
            return;
        }
        signIn(res, user);
    }

    private void signIn(ServerResponse res, String user) {
        Session session = sessions.start(user);
        res.header(HeaderNames.SET_COOKIE, sessions.cookie(session));
        Responses.redirect(res, URI.create("/chat/"));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        sessions.end(guard.sessionForChange(req));
        res.header(HeaderNames.SET_COOKIE, sessions.clearingCookie());
        if (ActionHttpService.isHtmx(req)) {
            // htmx cannot see a redirect the browser followed; it navigates on HX-Redirect instead.
            res.header(HeaderNames.create("HX-Redirect"), "/chat/");
            res.status(204).send();
        } else {
            Responses.redirect(res, URI.create("/chat/"));
        }
    }

    private void verify(ServerRequest req, ServerResponse res) {
        Secret secret = settings.forwardAuthSecret();
        boolean proxyKnown = secret == null
                || SecretTokens.same(req.headers().first(HeaderNames.create(FORWARD_AUTH_HEADER)).orElse(null), secret.reveal());
        Optional<Session> session = proxyKnown ? guard.current(req) : Optional.empty();
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (session.isEmpty()) {
            res.status(401).send();
            return;
        }
        res.header(HeaderNames.create("X-Forwarded-User"), session.get().user());
        res.status(200).send();
    }
}
