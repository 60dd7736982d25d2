package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SingleUseTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginRoutingTest {

    /** A forge that signs in whoever the test names, and remembers what it was asked. */
    private static final class FakeForgeLogin implements ForgeLogin {
        volatile String user = "alice";
        final List<String> verifiers = new CopyOnWriteArrayList<>();

        @Override
        public URI authorizationUri(URI redirectUri, String state, String codeVerifier) {
            verifiers.add(codeVerifier);
            return URI.create("http://forge.test/login/oauth/authorize?state=" + state + "&redirect_uri=" + redirectUri);
        }

        @Override
        public String signedInUser(String code, String codeVerifier, URI redirectUri) {
            if (code.equals("forge-down")) {
                throw new UpstreamException(Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "Forgejo answered 503"));
            }
            if (!verifiers.contains(codeVerifier) || !code.equals("good-code")) {
                throw new UpstreamException(Failure.of(Failure.Kind.REJECTED, 400, false, "invalid_grant"));
            }
            return user;
        }
    }

    private final FakeForgeLogin forge = new FakeForgeLogin();
    private final TestServer server = TestServer.withLogin(forge);

    @AfterEach
    void stop() {
        server.close();
    }

    private String startLogin() {
        return startLogin(server, HttpRequest.newBuilder(server.uri("/chat/login")));
    }

    /** A sign-in started through a reverse proxy that says the client is {@code forwardedFor}. */
    private static String startLogin(TestServer server, String forwardedFor) {
        return startLogin(server, HttpRequest.newBuilder(server.uri("/chat/login")).header("X-Forwarded-For", forwardedFor));
    }

    private static String startLogin(TestServer server, HttpRequest.Builder request) {
        HttpResponse<String> login = server.send(request);
        assertThat(login.statusCode()).isEqualTo(303);
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://forge.test/login/oauth/authorize?state=")
                .endsWith("redirect_uri=" + TestServer.PUBLIC_URL + "/chat/oauth/callback");
        return query(URI.create(location)).get("state");
    }

    private HttpResponse<String> callback(String state, String code) {
        return callback(server, state, code);
    }

    private static HttpResponse<String> callback(TestServer server, String state, String code) {
        return server.send(HttpRequest.newBuilder(server.uri("/chat/oauth/callback?state=" + state + "&code=" + code)));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    @Test
    void an_allowed_user_gets_a_hardened_session_cookie_and_lands_on_the_chat() {
        HttpResponse<String> callback = callback(startLogin(), "good-code");

        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue("/chat/");
        String cookie = callback.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Max-Age=43200").doesNotContain("Secure");
        String id = cookie.substring(Sessions.COOKIE.length() + 1, cookie.indexOf(';'));
        HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/chat/")).header("Cookie", Sessions.COOKIE + "=" + id));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"csrf-token\" content=\"");
    }

    @Test
    void a_user_outside_the_allow_list_gets_a_403_page_and_no_session() {
        forge.user = "mallory";

        HttpResponse<String> callback = callback(startLogin(), "good-code");

        assertThat(callback.statusCode()).isEqualTo(403);
        assertThat(callback.body()).contains("mallory").contains("DISINTO_CHAT_ALLOWED_USERS");
        assertThat(callback.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void a_state_is_good_for_one_callback_only_and_an_unknown_state_is_refused() {
        String state = startLogin();

        assertThat(callback(state, "good-code").statusCode()).isEqualTo(303);
        assertThat(callback(state, "good-code").statusCode()).isEqualTo(400);
        assertThat(callback("forged-state", "good-code").statusCode()).isEqualTo(400);
    }

    @Test
    void a_code_the_forge_refuses_is_the_browsers_fault_400_with_a_clear_sentence_and_no_session() {
        HttpResponse<String> callback = callback(startLogin(), "bad-code");

        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(callback.body()).contains("The forge did not accept this sign-in").contains("/chat/login")
                .doesNotContain("invalid_grant");
        assertThat(callback.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void a_forge_that_cannot_be_reached_is_502_and_says_to_try_again() {
        HttpResponse<String> callback = callback(startLogin(), "forge-down");

        assertThat(callback.statusCode()).isEqualTo(502);
        assertThat(callback.body()).contains("could not be reached");
        assertThat(callback.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void behind_a_trusted_proxy_a_flood_from_one_forwarded_client_does_not_push_out_another_clients_sign_in() {
        try (TestServer proxied = TestServer.withLoginBehindProxies(forge, Set.of("127.0.0.1"))) {
            String person = startLogin(proxied, "203.0.113.7");
            for (int i = 0; i < SingleUseTokens.PER_CLIENT * 3; i++) {
                startLogin(proxied, "198.51.100.66, 203.0.113.99");
            }

            assertThat(callback(proxied, person, "good-code").statusCode()).isEqualTo(303);
        }
    }

    @Test
    void an_ipv6_client_counts_as_its_slash_64_so_fresh_addresses_do_not_give_it_more_room() {
        try (TestServer proxied = TestServer.withLoginBehindProxies(forge, Set.of("127.0.0.1"))) {
            String person = startLogin(proxied, "2001:db8:0:7::1");
            String first = startLogin(proxied, "2001:db8:0:66::1");
            for (int i = 2; i <= SingleUseTokens.PER_CLIENT + 1; i++) {
                startLogin(proxied, "2001:db8:0:66::" + Integer.toHexString(i));
            }

            assertThat(callback(proxied, first, "good-code").statusCode()).isEqualTo(400);
            assertThat(callback(proxied, person, "good-code").statusCode()).isEqualTo(303);
        }
    }

    @Test
    void from_an_untrusted_peer_x_forwarded_for_is_ignored_so_a_client_cannot_pick_fresh_identities() {
        try (TestServer server = TestServer.withLoginBehindProxies(forge, Set.of())) {
            String first = startLogin(server, "203.0.113.1");
            for (int i = 0; i < SingleUseTokens.PER_CLIENT; i++) {
                startLogin(server, "203.0.113." + (i + 2));
            }

            assertThat(callback(server, first, "good-code").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void a_flood_of_sign_in_starts_from_one_address_does_not_stop_a_real_sign_in() {
        for (int i = 0; i < SingleUseTokens.PER_CLIENT * 3; i++) {
            startLogin();
        }
        String person = startLogin();

        assertThat(callback(person, "good-code").statusCode()).isEqualTo(303);
    }

    @Test
    void the_chat_page_without_a_session_redirects_to_login() {
        HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri("/chat/")));

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/chat/login");
    }

    @Test
    void logout_needs_the_csrf_token_and_ends_the_session() {
        Session alice = server.signIn("alice");

        HttpResponse<String> forged = server.send(server.post(alice, "/chat/logout", "").setHeader("X-CSRF-Token", "nope"));
        HttpResponse<String> logout = server.send(server.post(alice, "/chat/logout", ""));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(server.send(server.get(alice, "/chat/")).statusCode()).isEqualTo(303);
    }

    @Test
    void forward_auth_answers_the_user_only_to_a_proxy_that_knows_the_secret() {
        Session alice = server.signIn("alice");

        HttpResponse<String> withSecret = server.send(server.get(alice, "/chat/auth/verify")
                .header(LoginHttpService.FORWARD_AUTH_HEADER, "proxy-secret"));
        HttpResponse<String> wrongSecret = server.send(server.get(alice, "/chat/auth/verify")
                .header(LoginHttpService.FORWARD_AUTH_HEADER, "proxy-secreT"));
        HttpResponse<String> noSession = server.send(HttpRequest.newBuilder(server.uri("/chat/auth/verify"))
                .header(LoginHttpService.FORWARD_AUTH_HEADER, "proxy-secret"));

        assertThat(withSecret.statusCode()).isEqualTo(200);
        assertThat(withSecret.headers().firstValue("X-Forwarded-User")).hasValue("alice");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("X-Forwarded-User")).isEmpty();
        assertThat(noSession.statusCode()).isEqualTo(401);
    }

    @Test
    void a_one_time_login_link_works_once() {
        String token = server.wiring.loginLinks.issue("alice");

        HttpResponse<String> first = server.send(HttpRequest.newBuilder(server.uri("/chat/login?token=" + token)));
        HttpResponse<String> second = server.send(HttpRequest.newBuilder(server.uri("/chat/login?token=" + token)));

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Set-Cookie")).isPresent();
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
