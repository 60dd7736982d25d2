package dev.chatactions.adapter.forgejo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.upstream.Endpoint;
import dev.chatactions.core.upstream.ErrorText;
import dev.chatactions.core.upstream.PlannedRequest;
import dev.chatactions.core.upstream.RetryPolicy;
import dev.chatactions.core.upstream.UpstreamAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client side of Forgejo's OAuth2 authorization-code flow with PKCE (web routes under
 * {@code /login/oauth}, see CONTRACTS.md). Session handling belongs to the app.
 */
public final class ForgejoOAuthClient {

    private static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

    private final OAuthSettings settings;
    private final HttpClient client;
    private final ObjectMapper mapper;
    private final HttpTimeouts timeouts;
    private final RetryPolicy retryPolicy;
    private final ForgejoApi tokenEndpoint;

    ForgejoOAuthClient(
            OAuthSettings settings, HttpTimeouts timeouts, HttpClient client, ObjectMapper mapper, RetryPolicy retryPolicy) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = client;
        this.mapper = mapper;
        this.timeouts = timeouts;
        this.retryPolicy = retryPolicy;
        this.tokenEndpoint = new ForgejoApi(client, mapper, timeouts, retryPolicy, null, settings.clientSecret());
    }

    public static ForgejoOAuthClient create(OAuthSettings settings) {
        HttpTimeouts timeouts = HttpTimeouts.DEFAULT;
        return new ForgejoOAuthClient(settings, timeouts, ForgejoApi.newClient(timeouts), ForgejoApi.newMapper(),
                RetryPolicy.DEFAULT);
    }

    /**
     * Where to send the browser: {@code /login/oauth/authorize} with {@code response_type=code}, the
     * client id, {@code redirectUri}, {@code state} and the S256 {@code codeChallenge} ({@link Pkce}).
     */
    public URI authorizationUri(URI redirectUri, String state, String codeChallenge) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        requireText(state, "state");
        requireText(codeChallenge, "codeChallenge");
        return Endpoint.under(settings.forgeUrl()).path("login", "oauth", "authorize")
                .query("response_type", "code")
                .query("client_id", settings.clientId())
                .query("redirect_uri", redirectUri.toString())
                .query("state", state)
                .query("code_challenge", codeChallenge)
                .query("code_challenge_method", "S256")
                .uri();
    }

    /**
     * Trades the code from the callback for an access token ({@code POST /login/oauth/access_token},
     * form-encoded, client id and secret in the body).
     *
     * @throws UpstreamException REJECTED when the forge refuses the code (its {@code error} and
     *     {@code error_description} in the message)
     */
    public OAuthToken exchangeCode(String code, String codeVerifier, URI redirectUri) {
        requireText(code, "code");
        requireText(codeVerifier, "codeVerifier");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret().reveal());
        form.put("code_verifier", codeVerifier);
        PlannedRequest request = PlannedRequest.postForm(
                Endpoint.under(settings.forgeUrl()).path("login", "oauth", "access_token").uri(), Payload.of(form));
        UpstreamAnswer answer = tokenEndpoint.send(request);
        if (!answer.isSuccess()) {
            throw refusedCode(request, answer);
        }
        JsonNode json = tokenEndpoint.json(request, answer);
        String accessToken = json.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw ForgejoApi.failed(Failure.Kind.REJECTED, answer,
                    "Forgejo's token answer has no access_token", "");
        }
        Duration expiresIn = json.path("expires_in").canConvertToLong()
                ? Duration.ofSeconds(json.path("expires_in").asLong())
                : DEFAULT_EXPIRY;
        return new OAuthToken(Secret.of(accessToken, "access_token"), expiresIn);
    }

    /** Who {@code accessToken} belongs to ({@code GET /api/v1/user} with {@code Authorization: Bearer}). */
    public ForgeUser currentUser(Secret accessToken) {
        ForgejoApi api = new ForgejoApi(client, mapper, timeouts, retryPolicy, "Bearer", accessToken);
        PlannedRequest request = new ForgejoRequests(settings.forgeUrl()).currentUser();
        UpstreamAnswer answer = api.send(request);
        if (!answer.isSuccess()) {
            throw api.refused(request, answer, "read:user");
        }
        JsonNode user = api.json(request, answer);
        String login = user.path("login").asText("");
        if (login.isBlank()) {
            throw ForgejoApi.failed(Failure.Kind.REJECTED, answer, "Forgejo's user answer has no login", "");
        }
        return new ForgeUser(user.path("id").asLong(), login);
    }

    private UpstreamException refusedCode(PlannedRequest request, UpstreamAnswer answer) {
        String error;
        try {
            JsonNode json = mapper.readTree(answer.body());
            error = (json.path("error").asText("") + ": " + json.path("error_description").asText("")).strip();
        } catch (JsonProcessingException notJson) {
            error = answer.body();
        }
        String upstream = ErrorText.trim(error);
        return ForgejoApi.failed(Failure.Kind.REJECTED, answer,
                "Forgejo refused the login code at " + request.describe() + " (" + answer.status() + "): " + upstream
                        + " (check CHAT_OAUTH_CLIENT_ID, CHAT_OAUTH_CLIENT_SECRET and the redirect URL)",
                upstream);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
