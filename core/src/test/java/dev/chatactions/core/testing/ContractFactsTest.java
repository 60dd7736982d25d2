package dev.chatactions.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractFactsTest {

    static final String FACTS = """
            # a small spec in the facts format
            spec demo-swagger.json
            title Demo API
            version 1.2.3
            base /api

            endpoint POST /repos/{repo_id}/pipelines
              path repo_id integer required
              query dry boolean
              header Authorization string required
              body #Options required
              status 200 #Pipeline
              status 204

            endpoint GET /repos/lookup/{repo_full_name}
              path repo_full_name string required
              status 200 map<integer>

            type Options
              field branch string required
              field variables map<string>

            type Pipeline
              field id integer required
              field status string{success|failure}
              field created string(date-time)
              field steps [#Step]
              field labels object

            type Step
              field name string
              extra any
            """;

    static final String PIPELINE = "{\"id\":7,\"status\":\"success\",\"created\":\"2026-11-23T20:00:00Z\","
            + "\"steps\":[{\"name\":\"test\",\"anything\":[1]}],\"labels\":{\"free\":true}}";

    @RegisterExtension
    static WireMockExtension upstream = LoopbackUpstream.wireMock();

    private final ContractFacts facts = ContractFacts.parse("demo.facts", FACTS);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private void send(String method, String path, String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private List<String> problems(Set<String> undeclaredStatuses) {
        return facts.problems(upstream.getAllServeEvents(), undeclaredStatuses);
    }

    @Test
    void exchanges_within_the_facts_have_no_problems_and_the_lookup_route_takes_slashes() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/api/repos/7/pipelines")).willReturn(okJson(PIPELINE)));
        upstream.stubFor(get(urlPathEqualTo("/api/repos/lookup/acme/widgets")).willReturn(okJson("{\"id\":7,\"gone\":null}")));

        send("POST", "/api/repos/7/pipelines?dry=true", "Bearer x", "{\"branch\":\"main\",\"variables\":{\"K\":\"v\"}}");
        send("GET", "/api/repos/lookup/acme/widgets", null, null);

        assertThat(problems(Set.of())).isEmpty();
        facts.assertConforms(upstream.getAllServeEvents(), Set.of());
    }

    @Test
    void a_request_outside_the_facts_is_named() throws Exception {
        upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));

        send("GET", "/api/repos/7/nonsense", null, null);
        send("GET", "/api/repos/7/pipelines", null, null);
        send("GET", "/other/repos/7/pipelines", null, null);
        send("POST", "/api/repos/seven/pipelines?dry=maybe&page=2", null, "{\"branch\":1,\"messsage\":\"typo\",\"variables\":{\"K\":2}}");
        send("POST", "/api/repos/7/pipelines", "Bearer x", null);
        send("POST", "/api/repos/7/pipelines", "Bearer x", "{\"variables\":{}}");
        send("POST", "/api/repos/7/pipelines", "Bearer x", "not json");
        send("GET", "/api/repos/lookup/acme/widgets", null, "{}");

        assertThat(problems(Set.of("POST /repos/{repo_id}/pipelines 404", "GET /repos/lookup/{repo_full_name} 404")))
                .anyMatch(p -> p.contains("GET /api/repos/7/nonsense") && p.contains("no such path in demo.facts (demo-swagger.json, version 1.2.3)"))
                .anyMatch(p -> p.contains("/repos/{repo_id}/pipelines has no GET endpoint"))
                .anyMatch(p -> p.contains("/other/repos/7/pipelines: not under base /api"))
                .anyMatch(p -> p.contains("path repo_id: \"seven\" is not an integer"))
                .anyMatch(p -> p.contains("query dry: \"maybe\" is not a boolean"))
                .anyMatch(p -> p.contains("query parameter page is not declared"))
                .anyMatch(p -> p.contains("required header Authorization missing"))
                .anyMatch(p -> p.contains("request body.branch: expected a string, got NUMBER"))
                .anyMatch(p -> p.contains("request body.messsage: field not declared by the facts"))
                .anyMatch(p -> p.contains("request body.variables.K: expected a string, got NUMBER"))
                .anyMatch(p -> p.contains("required body missing"))
                .anyMatch(p -> p.contains("request body: required field branch missing"))
                .anyMatch(p -> p.contains("request body: not JSON"))
                .anyMatch(p -> p.contains("GET /repos/lookup/{repo_full_name}: sends a body but the endpoint declares none"))
                .noneMatch(p -> p.contains("status 404"));
    }

    @Test
    void an_answer_outside_the_facts_is_named() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/api/repos/1/pipelines")).willReturn(okJson(
                "{\"status\":\"pending\",\"created\":\"yesterday\",\"steps\":[{\"name\":3}],\"labels\":[],\"extra\":1}")));
        upstream.stubFor(post(urlPathEqualTo("/api/repos/2/pipelines")).willReturn(aResponse().withStatus(418)));
        upstream.stubFor(post(urlPathEqualTo("/api/repos/3/pipelines")).willReturn(aResponse().withStatus(200)));
        upstream.stubFor(post(urlPathEqualTo("/api/repos/4/pipelines")).willReturn(aResponse().withStatus(204)));
        upstream.stubFor(get(urlPathEqualTo("/api/repos/lookup/a/b")).willReturn(okJson("{\"id\":\"7\"}")));
        String body = "{\"branch\":\"main\"}";
        for (int repo = 1; repo <= 4; repo++) {
            send("POST", "/api/repos/" + repo + "/pipelines", "Bearer x", body);
        }
        send("GET", "/api/repos/lookup/a/b", null, null);

        List<String> problems = problems(Set.of());

        assertThat(problems)
                .anyMatch(p -> p.contains("response 200: required field id missing"))
                .anyMatch(p -> p.contains("response 200.status: \"pending\" is not one of [success, failure]"))
                .anyMatch(p -> p.contains("response 200.created: \"yesterday\" is not an RFC 3339 date-time"))
                .anyMatch(p -> p.contains("response 200.steps[0].name: expected a string, got NUMBER"))
                .anyMatch(p -> p.contains("response 200.labels: expected an object, got ARRAY"))
                .anyMatch(p -> p.contains("response 200.extra: field not declared by the facts"))
                .anyMatch(p -> p.contains("status 418 is not declared"))
                .anyMatch(p -> p.contains("response 200: empty, but a type is declared"))
                .anyMatch(p -> p.contains("response 200.id: expected an integer, got STRING"))
                .noneMatch(p -> p.contains("status 204"))
                .hasSize(9);
        assertThat(problems(Set.of("POST /repos/{repo_id}/pipelines 418"))).hasSize(8);
        assertThatThrownBy(() -> facts.assertConforms(upstream.getAllServeEvents(), Set.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("9 contract problem(s)");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "endpoint GET /x\\n  status 200 #Missing        | bad.facts: type Missing is used but not defined",
        "endpoint GET /x\\n  status 200 str             | bad.facts:5: unknown type \"str\"",
        "'  field a string'                            | bad.facts:4: \"field\" outside a type block",
        "type T\\n  status 200                        | bad.facts:5: \"status\" outside an endpoint block",
        "type T\\n  field a string optional           | bad.facts:5: expected \"required\", got \"optional\"",
        "endpoint GET                                  | bad.facts:4: \"endpoint\" takes 2 words",
        "paths /x                                      | bad.facts:4: unknown line \"paths /x\"",
    })
    void malformed_facts_are_refused_with_their_line(String lines, String message) {
        String text = "spec s.json\nversion 1\nbase /api\n" + lines.replace("\\n", "\n") + "\n";
        assertThatThrownBy(() -> ContractFacts.parse("bad.facts", text)).isInstanceOf(IllegalStateException.class).hasMessage(message);
    }

    @Test
    void facts_without_a_version_or_on_no_class_path_are_refused() {
        assertThatThrownBy(() -> ContractFacts.parse("bad.facts", "spec s.json\nbase /api\n"))
                .hasMessage("bad.facts: no \"version\" line");
        assertThatThrownBy(() -> ContractFacts.load("contracts/absent.facts"))
                .hasMessage("contract facts contracts/absent.facts not on the test class path");
    }
}
