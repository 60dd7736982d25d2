package dev.chatactions.app.http;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.postgres.PostgresKeyLedger;
import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.adapter.postgres.TestDatabase;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.TokenLeakGuard;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers on one PostgreSQL (as with {@code CHAT_DATABASE_URL}) are one server to the browser:
 * signed in through one, a person acts through the other; signed out on one, they are out on both;
 * and a restart signs nobody out.
 */
class SharedSessionsTest {

    private static final String PUBLIC_URL = "http://chat.test";
    private static final String ISSUE = "{\"title\":\"Flaky test\",\"labels\":[\"bug\"]}";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    /** The database's password and the proxy secret appear in no answer and no log line, the database away included. */
    @RegisterExtension
    static final TokenLeakGuard LEAKS = new TokenLeakGuard(PostgresServer.PASSWORD, "proxy-secret");

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();
    private final HttpClient client = HttpClient.newHttpClient();
    private Instance a;
    private Instance b;

    /** One app-http server with its own pool on the shared database (history, ledger, sessions) and its own upstream. */
    private static final class Instance implements AutoCloseable {
        final FakeUpstream upstream = new FakeUpstream();
        final PostgresStore store = database.openStore();
        final Wiring wiring;
        final WebServer server;

        Instance() {
            HttpSettings settings = new HttpSettings(URI.create(PUBLIC_URL), Set.of("alice"), Secret.of("proxy-secret", "FORWARD_AUTH_SECRET"),
                    1000, HttpSettings.DEFAULT_SESSION_LIFETIME, Set.of());
            Clock clock = Clock.systemUTC();
            wiring = new Wiring(settings, new ActionPolicy(anyPolicySettings()), upstream, upstream, Store.of(store, PostgresKeyLedger.DEFAULT_LEASE),
                    Optional.empty(), false, LinkTargets.to(List.of(URI.create("http://forge.test"))), clock, Metrics::globalRegistry,
                    new Wiring.Model(null, "no model", "p", ConverseLimits.defaults(), Duration.ofSeconds(1)),
                    Wiring.EdgeState.postgres(store, clock, settings));
            server = Main.start(wiring, "127.0.0.1", 0);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.port() + path);
        }

        @Override
        public void close() {
            server.stop();
            wiring.turns.close();
            store.close();
        }
    }

    @BeforeEach
    void startTwoServers() {
        a = new Instance();
        b = new Instance();
    }

    @AfterEach
    void stopServers() {
        a.close();
        b.close();
    }

    @Test
    void signed_in_through_a_a_click_through_b_works_and_signed_out_on_b_a_refuses_the_session() {
        String cookie = signIn(a);
        String csrf = csrfToken(b, cookie);

        HttpResponse<String> click = send(post(b, "/chat/action/issue-create?conversation=0123456789ab", cookie, csrf, ISSUE));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(b.upstream.calls()).hasSize(1);
        assertThat(a.upstream.calls()).isEmpty();

        HttpResponse<String> signOut = send(post(b, "/chat/logout", cookie, csrf, ""));

        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(send(get(a, "/chat/", cookie)).statusCode()).as("the page on A sends to the sign-in").isEqualTo(303);
        assertThat(send(get(a, "/chat/", cookie)).headers().firstValue("Location")).hasValue("/chat/login");
        assertThat(send(post(a, "/chat/action/issue-create?conversation=0123456789ab", cookie, csrf, ISSUE)).statusCode()).isEqualTo(401);
        assertThat(send(get(a, "/chat/auth/verify", cookie)).statusCode()).isEqualTo(401);
        assertThat(a.upstream.calls()).isEmpty();
    }

    @Test
    void a_sign_in_link_issued_by_one_server_works_once_on_any() {
        String token = a.wiring.loginLinks.issue("alice");

        HttpResponse<String> onB = send(HttpRequest.newBuilder(b.uri("/chat/login?token=" + token)));
        HttpResponse<String> againOnA = send(HttpRequest.newBuilder(a.uri("/chat/login?token=" + token)));

        assertThat(onB.statusCode()).isEqualTo(303);
        assertThat(onB.headers().firstValue("Set-Cookie")).isPresent();
        assertThat(againOnA.statusCode()).isEqualTo(403);
    }

    @Test
    void a_restart_signs_nobody_out() {
        String cookie = signIn(a);
        a.close();
        a = new Instance();

        HttpResponse<String> page = send(get(a, "/chat/", cookie));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("alice");
    }

    @Test
    void while_the_database_is_away_requests_are_refused_with_503_and_the_session_survives() {
        String cookie = signIn(a);
        String csrf = csrfToken(a, cookie);
        database.server().stop();
        HttpResponse<String> page;
        HttpResponse<String> click;
        try {
            page = send(get(a, "/chat/", cookie));
            click = send(post(a, "/chat/action/issue-create?conversation=0123456789ab", cookie, csrf, ISSUE));
        } finally {
            database.server().start();
        }

        LEAKS.record(page.body());
        LEAKS.record(click.body());
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).doesNotContain(cookie).doesNotContain(database.server().url());
        assertThat(click.statusCode()).isEqualTo(503);
        assertThat(a.upstream.calls()).isEmpty();
        assertThat(statusOnceRecovered(get(a, "/chat/", cookie))).as("the pool reconnects by itself").isEqualTo(200);
    }

    /** The status of {@code request} once it is no longer 503, or 503 after 30 seconds. */
    private int statusOnceRecovered(HttpRequest.Builder request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = send(request).statusCode();
        while (status == 503 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            status = send(request).statusCode();
        }
        return status;
    }

    /** Signs alice in through {@code server}'s one-time link; the session cookie's {@code name=value}. */
    private String signIn(Instance server) {
        HttpResponse<String> login = send(HttpRequest.newBuilder(server.uri("/chat/login?token=" + server.wiring.loginLinks.issue("alice"))));
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The CSRF token the page served by {@code server} carries. */
    private String csrfToken(Instance server, String cookie) {
        HttpResponse<String> page = send(get(server, "/chat/", cookie));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static HttpRequest.Builder get(Instance server, String path, String cookie) {
        return HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie);
    }

    private static HttpRequest.Builder post(Instance server, String path, String cookie, String csrf, String body) {
        return HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .header("Origin", PUBLIC_URL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
