package dev.chatactions.adapter.woodpecker;

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
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The Woodpecker API over java.net.http with {@code Authorization: Bearer} (the server reads the
 * scheme case-sensitively). Woodpecker's error bodies are plain text, kept trimmed.
 */
final class WoodpeckerApi {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final HttpTimeouts timeouts;
    private final Secret token;
    private final UpstreamCaller caller;

    WoodpeckerApi(HttpClient client, ObjectMapper mapper, HttpTimeouts timeouts, RetryPolicy policy, Secret token) {
        this.client = client;
        this.mapper = mapper;
        this.timeouts = timeouts;
        this.token = token;
        this.caller = new UpstreamCaller("Woodpecker", "WOODPECKER_SERVER", this::sendOnce, policy);
    }

    /** HTTP/1.1 keep-alive, connect timeout, and never a redirect: the token must not reach another host. */
    static HttpClient newClient(HttpTimeouts timeouts) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Lenient: Woodpecker adds fields between versions. Buffers from Jackson's shared bounded pool: each
     * click runs on a thread of its own.
     */
    static ObjectMapper newMapper() {
        return JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    UpstreamAnswer send(PlannedRequest request) {
        return caller.send(request);
    }

    private UpstreamAnswer sendOnce(PlannedRequest request) throws TransportException, InterruptedException {
        BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.body() != null) {
            try {
                body = HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(request.body().fields()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("payload fields are always JSON values", e);
            }
        }
        HttpRequest http = HttpRequest.newBuilder(request.uri())
                .timeout(timeouts.request())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(request.method(), body)
                .build();
        try {
            HttpResponse<String> response = client.send(http, HttpResponse.BodyHandlers.ofString());
            return new UpstreamAnswer(response.statusCode(), response.headers().map(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException refused) {
            throw new TransportException(TransportException.Problem.NOT_SENT, refused);
        } catch (IOException lost) {
            throw new TransportException(TransportException.Problem.ANSWER_LOST, lost);
        }
    }

    JsonNode json(PlannedRequest request, UpstreamAnswer answer) {
        try {
            return mapper.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new UpstreamException(UpstreamCaller.failure(Failure.Kind.REJECTED, answer.status(), request.isRead(),
                    "Woodpecker answered " + request.describe() + " with something that is not JSON: check WOODPECKER_SERVER",
                    ErrorText.trim(answer.body())));
        }
    }

    Map<String, Object> fields(JsonNode object) {
        return mapper.convertValue(object, FIELDS);
    }

    /**
     * The failure for a 4xx answer: Woodpecker treats a bad token as anonymous (401) and a user
     * without permission as not found (404), so both name the token.
     *
     * @param notFound what a 404 means for this request
     */
    static UpstreamException refused(PlannedRequest request, UpstreamAnswer answer, String notFound) {
        String upstream = ErrorText.trim(answer.body());
        String said = upstream.isEmpty() ? "" : " (Woodpecker said: " + upstream + ")";
        Failure.Kind kind = answer.status() == 401 || answer.status() == 403 ? Failure.Kind.UNAUTHORIZED : Failure.Kind.REJECTED;
        String message = switch (answer.status()) {
            case 401, 403 -> "Woodpecker did not accept WOODPECKER_TOKEN for " + request.describe() + " (" + answer.status()
                    + "): it must be a personal access token of a user with push access to the repository";
            case 404 -> notFound + " (404)";
            default -> "Woodpecker rejected " + request.describe() + " (" + answer.status() + ")";
        };
        return new UpstreamException(UpstreamCaller.failure(kind, answer.status(), true, message + said, upstream));
    }
}
