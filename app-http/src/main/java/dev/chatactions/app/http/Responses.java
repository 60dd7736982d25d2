package dev.chatactions.app.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Writes JSON, problem+json and HTML answers. */
final class Responses {

    /** Buffers from Jackson's shared bounded pool: every request runs on a virtual thread of its own. */
    static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String HTML = "text/html; charset=UTF-8";

    private Responses() {}

    static void json(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(bytes(body));
    }

    static void problem(ServerResponse res, HttpProblem problem) {
        res.status(Status.create(problem.status()));
        problem.headers().forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        res.send(bytes(problem.body()));
    }

    static void html(ServerResponse res, int status, String html) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, HTML);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    /** 303 See Other: after a POST or a login step the browser fetches {@code location} with GET. */
    static void redirect(ServerResponse res, URI location) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location.toString());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }

    static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
