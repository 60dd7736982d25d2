package dev.chatactions.app.http;

import dev.chatactions.core.session.SecretTokens;
import dev.chatactions.core.session.Session;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks every protected request passes: a live session (else 401), and for state-changing
 * requests the session's CSRF token in {@code X-CSRF-Token} plus an {@code Origin} equal to the
 * public URL's (else 403).
 */
final class RequestGuard {

    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final HeaderName CSRF = HeaderNames.create(CSRF_HEADER);

    private final Sessions sessions;
    private final String origin;

    RequestGuard(Sessions sessions, HttpSettings settings) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.origin = settings.origin();
    }

    /** The caller's session, or throws 401. */
    Session session(ServerRequest req) {
        return current(req).orElseThrow(() -> new HttpProblem(401, "unauthenticated", "Sign-in required",
                "no valid session: sign in at /chat/login"));
    }

    /**
     * The live session named by the request's session cookies. Stale or unknown cookies are
     * ignored, so a leftover cookie (another path, an old sign-in) does not sign anyone out; two
     * cookies naming two different live sessions are refused (400), since which person acts would
     * depend on cookie order.
     */
    Optional<Session> current(ServerRequest req) {
        List<Session> live = req.headers().cookies().all(Sessions.COOKIE, List::of).stream()
                .map(sessions::find).flatMap(Optional::stream).distinct().toList();
        if (live.size() > 1) {
            throw new HttpProblem(400, "ambiguous-session", "Two sessions at once",
                    "the request carries two different session cookies; sign out, or clear this site's cookies, and sign in again");
        }
        return live.stream().findFirst();
    }

    /** The caller's session, checked for a state-changing request (CSRF token and Origin). */
    Session sessionForChange(ServerRequest req) {
        Session session = session(req);
        String presentedOrigin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (presentedOrigin == null || !presentedOrigin.toLowerCase(Locale.ROOT).equals(origin)) {
            throw new HttpProblem(403, "origin", "Cross-origin request refused",
                    "the Origin header must be " + origin);
        }
        String presentedToken = req.headers().first(CSRF).orElse(null);
        if (!SecretTokens.same(presentedToken, session.csrfToken())) {
            throw new HttpProblem(403, "csrf", "CSRF token missing or wrong",
                    "the " + CSRF_HEADER + " header must carry the token of the page (reload the page)");
        }
        return session;
    }
}
