package dev.chatactions.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatactions.core.config.Secret;
import dev.chatactions.core.port.UpstreamException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamTextTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 20:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 19:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).get().matches(d -> d.toDays() > 365);
    }

    @Test
    void error_text_becomes_one_trimmed_line() {
        assertThat(ErrorText.trim("  branch\n  not found\t ")).isEqualTo("branch not found");
        String trimmed = ErrorText.trim("x".repeat(2000));
        assertThat(trimmed).hasSize(ErrorText.LIMIT + 1).endsWith("…");
        assertThat(ErrorText.trim(null)).isEmpty();
    }

    @Test
    void endpoint_encodes_each_segment_so_names_cannot_change_the_path() {
        URI uri = Endpoint.under(URI.create("https://forge.example/api/v1"))
                .path("repos", "acme", "widgets", "pulls", "main", "feature/x y")
                .query("since", "2026-11-23T20:00:00Z").query("q", "a&b=c")
                .uri();

        assertThat(uri.getRawPath()).isEqualTo("/api/v1/repos/acme/widgets/pulls/main/feature%2Fx%20y");
        assertThat(uri.getRawQuery()).isEqualTo("since=2026-11-23T20%3A00%3A00Z&q=a%26b%3Dc");
    }

    @Test
    void a_header_is_matched_case_insensitively() {
        UpstreamAnswer answer = new UpstreamAnswer(400, Map.of("Content-Type", List.of("text/plain")), "bad");

        assertThat(answer.header("content-type")).contains("text/plain");
    }

    @Test
    void error_text_hides_a_secret_before_the_cut_so_no_part_of_it_survives() {
        Secret secret = Secret.of("cut-" + "z".repeat(40), "FORGE_TOKEN");
        String text = "x".repeat(ErrorText.LIMIT - 10) + " " + secret.reveal();

        assertThat(ErrorText.trim(text)).doesNotContain("cut-zz").endsWith("[hidden]");
    }

    @Test
    void a_redirect_hides_every_held_secret_in_its_location() {
        Secret forge = Secret.of("forge-token-1a2b3c", "FORGE_TOKEN");
        Secret other = Secret.of("ci+token/with=chars", "WOODPECKER_TOKEN");
        UpstreamCaller caller = new UpstreamCaller("Forgejo", "FORGE_URL", request -> new UpstreamAnswer(302,
                Map.of("Location", List.of("https://evil.example/?t=" + forge.reveal() + "&c=ci%2Btoken%2Fwith%3Dchars")), ""),
                RetryPolicy.DEFAULT);

        UpstreamException thrown = catchThrowableOfType(
                () -> caller.send(PlannedRequest.get(URI.create("https://forge.example/api/v1/user"))), UpstreamException.class);

        assertThat(thrown.failure().message()).contains("redirect (302 to https://evil.example/?t=[hidden]&c=[hidden])")
                .doesNotContain(forge.reveal()).doesNotContain(other.reveal()).doesNotContain("ci%2Btoken");
    }

    @Test
    void a_dry_run_shows_the_request_with_placeholders_readable() {
        PlannedRequest request = PlannedRequest.postJson(
                Endpoint.under(URI.create("https://ci.example/api")).path("repos", "{repo_id}", "pipelines").uri(),
                dev.chatactions.core.action.Payload.of(Map.of("branch", "main")));

        var result = request.dryRunResult("pipeline", Map.of("note", true));

        assertThat(result.state()).isEqualTo("dry-run");
        assertThat(result.response().status()).isZero();
        assertThat(result.response().body().fields())
                .containsEntry("dry_run", true)
                .containsEntry("method", "POST")
                .containsEntry("url", "https://ci.example/api/repos/{repo_id}/pipelines")
                .containsEntry("body", Map.of("branch", "main"))
                .containsEntry("note", true);
    }
}
