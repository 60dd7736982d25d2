package dev.chatactions.adapter.forgejo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.LoopbackUpstream;
import dev.chatactions.core.testing.ContractFacts;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ForgejoOAuthClientTest {

    static final String CLIENT_SECRET = "gto_clientsecret_55aa";
    static final String ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.user-access.sig";
    static final URI CALLBACK = URI.create("http://127.0.0.1:8080/chat/oauth/callback");

    @RegisterExtension
    static WireMockExtension forge = LoopbackUpstream.wireMock();

    @RegisterExtension
    static TokenLeakGuard leaks = new TokenLeakGuard(CLIENT_SECRET, ACCESS_TOKEN);

    private final ForgejoOAuthClient client = clientAt(forge.baseUrl());

    private static ForgejoOAuthClient clientAt(String url) {
        HttpTimeouts timeouts = new HttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5));
        return new ForgejoOAuthClient(
                new OAuthSettings(URI.create(url), "chat-client-id", Secret.of(CLIENT_SECRET, "CHAT_OAUTH_CLIENT_SECRET")),
                timeouts, ForgejoApi.newClient(timeouts), ForgejoApi.newMapper(),
                LoopbackUpstream.recordingRetries(new ArrayList<>(), Clock.systemUTC()));
    }

    /** The /api/v1 calls against the contract facts; the /login/oauth web routes are not in the spec and are checked by hand below. */
    @AfterEach
    void apiCallsMatchTheOfficialSpec() {
        List<ServeEvent> api = forge.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/v1/"))
                .toList();
        ContractFacts.load("contracts/forgejo-v1.facts").assertConforms(api, Set.of());
    }

    @Test
    void pkce_s256_matches_the_rfc_7636_example_and_verifiers_are_fresh() {
        assertThat(Pkce.challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        String verifier = Pkce.newVerifier();
        assertThat(verifier).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(Pkce.newVerifier());
        assertThatThrownBy(() -> Pkce.challengeS256("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_authorization_url_asks_for_a_code_with_state_and_an_s256_challenge() {
        URI uri = client.authorizationUri(CALLBACK, "st4te", "ch4llenge");

        assertThat(uri.getPath()).isEqualTo("/login/oauth/authorize");
        assertThat(query(uri.getRawQuery())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "response_type", "code",
                "client_id", "chat-client-id",
                "redirect_uri", CALLBACK.toString(),
                "state", "st4te",
                "code_challenge", "ch4llenge",
                "code_challenge_method", "S256"));
        assertThat(uri.toString()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void a_code_is_exchanged_for_a_token_with_a_form_post_as_contracts_md_describes() {
        forge.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(okJson(
                "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600,\"refresh_token\":\"r1\"}")));

        OAuthToken token = leaks.record(client.exchangeCode("the-code", "v".repeat(43), CALLBACK));

        assertThat(token.accessToken().reveal()).isEqualTo(ACCESS_TOKEN);
        assertThat(token.expiresIn()).isEqualTo(Duration.ofHours(1));
        LoggedRequest sent = forge.getAllServeEvents().get(0).getRequest();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(sent.getHeader("Authorization")).isNull();
        assertThat(query(sent.getBodyAsString())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "authorization_code",
                "code", "the-code",
                "redirect_uri", CALLBACK.toString(),
                "client_id", "chat-client-id",
                "client_secret", CLIENT_SECRET,
                "code_verifier", "v".repeat(43)));
    }

    @Test
    void a_refused_code_says_why_without_the_client_secret() {
        forge.stubFor(post(urlPathEqualTo("/login/oauth/access_token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"code is invalid or expired\"}")));

        Failure failure = leaks.failureOf(() -> client.exchangeCode("old-code", "v".repeat(43), CALLBACK));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(failure.message()).contains("invalid_grant", "code is invalid or expired", "CHAT_OAUTH_CLIENT_SECRET")
                .doesNotContain(CLIENT_SECRET);
    }

    @Test
    void the_current_user_is_read_with_the_users_bearer_token() {
        forge.stubFor(get(urlPathEqualTo("/api/v1/user")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(okJson("{\"id\":17,\"login\":\"alice\",\"login_name\":\"\",\"full_name\":\"Alice\","
                        + "\"email\":\"alice@forge.test\",\"is_admin\":false,\"active\":true,\"created\":\"2026-01-01T00:00:00Z\"}")));

        ForgeUser user = leaks.record(client.currentUser(Secret.of(ACCESS_TOKEN, "access_token")));

        assertThat(user).isEqualTo(new ForgeUser(17, "alice"));
    }

    @Test
    void an_expired_user_token_is_unauthorized() {
        forge.stubFor(get(urlPathEqualTo("/api/v1/user")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"invalid token\",\"url\":\"http://forge.test/api/swagger\"}")));

        Failure failure = leaks.failureOf(() -> client.currentUser(Secret.of(ACCESS_TOKEN, "access_token")));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
        assertThat(failure.message()).contains("read:user", "invalid token");
    }

    private static Map<String, String> query(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
