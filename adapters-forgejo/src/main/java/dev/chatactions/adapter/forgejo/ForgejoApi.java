package dev.chatactions.adapter.forgejo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import dev.chatactions.core.upstream.ErrorText;
import dev.chatactions.core.upstream.PlannedRequest;
import dev.chatactions.core.upstream.RetryPolicy;
import dev.chatactions.core.upstream.TransportException;
import dev.chatactions.core.upstream.UpstreamAnswer;
import dev.chatactions.core.upstream.UpstreamCaller;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The Forgejo API over java.net.http, for one credential: sends {@link PlannedRequest}s, reads JSON,
 * walks pages and turns refusals into {@link UpstreamException}s with Forgejo's own message.
 */
final class ForgejoApi {

    static final int PAGE_SIZE = 50;
    /** Bounds every listing: 20 pages of 50. */
    static final int MAX_PAGES = 20;

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final HttpTimeouts timeouts;
    private final String scheme;
    private final Secret secret;
    private final UpstreamCaller caller;

    /**
     * @param scheme the {@code Authorization} scheme ({@code token}, {@code Bearer}) for {@code secret},
     *     or null when the secret travels in the body (the OAuth token request)
     * @param secret the credential these requests carry (every held secret is hidden from what is kept: KeptText)
     */
    ForgejoApi(HttpClient client, ObjectMapper mapper, HttpTimeouts timeouts, RetryPolicy policy, String scheme, Secret secret) {
        this.client = Objects.requireNonNull(client, "client");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.scheme = scheme;
        this.secret = Objects.requireNonNull(secret, "secret");
        this.caller = new UpstreamCaller("Forgejo", "FORGE_URL", this::sendOnce, policy);
    }

    /** One client per adapter: HTTP/1.1 keep-alive, connect timeout, redirects never followed. */
    static HttpClient newClient(HttpTimeouts timeouts) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Lenient: Forgejo adds fields between versions. Buffers from Jackson's shared bounded pool: each
     * click runs on a thread of its own.
     */
    static ObjectMapper newMapper() {
        return JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The 2xx or 4xx answer; see {@link UpstreamCaller#send}. */
    UpstreamAnswer send(PlannedRequest request) {
        return caller.send(request);
    }

    private UpstreamAnswer sendOnce(PlannedRequest request) throws TransportException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeouts.request())
                .header("Accept", "application/json");
        if (scheme != null) {
            builder.header("Authorization", scheme + " " + secret.reveal());
        }
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", request.form() ? "application/x-www-form-urlencoded" : "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(bodyText(request)));
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new UpstreamAnswer(response.statusCode(), response.headers().map(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new TransportException(TransportException.Problem.NOT_SENT, e);
        } catch (IOException e) {
            throw new TransportException(TransportException.Problem.ANSWER_LOST, e);
        }
    }

    private String bodyText(PlannedRequest request) {
        if (request.form()) {
            return request.body().fields().entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
        try {
            return mapper.writeValueAsString(request.body().fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload fields are always JSON values", e);
        }
    }

    /** The answer's JSON; an answer that is not JSON (a proxy's HTML page) is a rejection. */
    JsonNode json(PlannedRequest request, UpstreamAnswer answer) {
        try {
            return mapper.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new UpstreamException(UpstreamCaller.failure(Failure.Kind.REJECTED, answer.status(), request.isRead(),
                    "Forgejo answered " + request.describe() + " with something that is not JSON: check FORGE_URL",
                    ErrorText.trim(answer.body())));
        }
    }

    /** A JSON object as a map, for {@link dev.chatactions.core.upstream.AnswerFields}. */
    Map<String, Object> fields(JsonNode object) {
        return mapper.convertValue(object, FIELDS);
    }

    /** Forgejo's own message: {@code message} of its JSON error body, else the trimmed text. */
    String upstreamMessage(UpstreamAnswer answer) {
        try {
            JsonNode message = mapper.readTree(answer.body()).path("message");
            if (message.isTextual()) {
                return ErrorText.trim(message.asText());
            }
        } catch (JsonProcessingException notJson) {
            // Some routes answer with plain text or nothing.
        }
        return ErrorText.trim(answer.body());
    }

    /**
     * The failure for a 4xx answer nobody handled more specifically: 401/403 say which token scope
     * {@code request} needs, anything else is a rejection carrying Forgejo's message.
     */
    UpstreamException refused(PlannedRequest request, UpstreamAnswer answer, String scope) {
        String upstream = upstreamMessage(answer);
        String said = upstream.isEmpty() ? "" : " (Forgejo said: " + upstream + ")";
        int status = answer.status();
        if (status == 401) {
            return failed(Failure.Kind.UNAUTHORIZED, answer,
                    "Forgejo did not accept the token for " + request.describe()
                            + " (401): it is wrong, expired or revoked; it needs scope " + scope + said, upstream);
        }
        if (status == 403) {
            return failed(Failure.Kind.UNAUTHORIZED, answer,
                    "Forgejo refused " + request.describe() + " (403): the token needs scope " + scope
                            + " and its user the right to do this" + said, upstream);
        }
        return failed(Failure.Kind.REJECTED, answer,
                "Forgejo rejected " + request.describe() + " (" + status + ")" + said, upstream);
    }

    static UpstreamException failed(Failure.Kind kind, UpstreamAnswer answer, String message, String upstream) {
        return new UpstreamException(UpstreamCaller.failure(kind, answer.status(), true, message, upstream));
    }

    /**
     * Every item of a paginated list, page by page ({@value #PAGE_SIZE} a page) until a short page,
     * the {@code X-Total-Count}, or {@value #MAX_PAGES} pages.
     *
     * @param notFoundMeansNone true when a 404 means "no such list" rather than a failure
     */
    List<JsonNode> readAllPages(IntFunction<PlannedRequest> pageRequest, String scope, boolean notFoundMeansNone) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            PlannedRequest request = pageRequest.apply(page);
            UpstreamAnswer answer = send(request);
            if (answer.status() == 404 && notFoundMeansNone) {
                return List.of();
            }
            if (!answer.isSuccess()) {
                throw refused(request, answer, scope);
            }
            JsonNode list = json(request, answer);
            list.forEach(items::add);
            long total = answer.header("X-Total-Count").map(ForgejoApi::parseCount).orElse(-1L);
            if (list.size() < PAGE_SIZE || (total >= 0 && items.size() >= total)) {
                break;
            }
        }
        return items;
    }

    private static long parseCount(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }
}
