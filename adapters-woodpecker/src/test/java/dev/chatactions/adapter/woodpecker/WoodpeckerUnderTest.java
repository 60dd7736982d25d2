package dev.chatactions.adapter.woodpecker;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.config.HttpTimeouts;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.testing.WireMockUpstream;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** The Woodpecker adapter under WireMock, built the same way for the adapter test and the contract test. */
final class WoodpeckerUnderTest {

    static final String TOKEN = "wp-pat-c0ffee1234";
    static final String LOOKUP = "/api/repos/lookup/acme/widgets";
    static final String PIPELINES = "/api/repos/7/pipelines";

    /** Statuses the contract facts do not list but Woodpecker or a proxy sends (CONTRACTS.md: plain-text errors, 204). */
    static final Set<String> UNDECLARED = Set.of(
            "POST /repos/{repo_id}/pipelines 204",
            "POST /repos/{repo_id}/pipelines 400",
            "POST /repos/{repo_id}/pipelines 401",
            "POST /repos/{repo_id}/pipelines 404",
            "POST /repos/{repo_id}/pipelines 429",
            "POST /repos/{repo_id}/pipelines 500",
            "POST /repos/{repo_id}/pipelines 307",
            "GET /repos/lookup/{repo_full_name} 404");

    private WoodpeckerUnderTest() {}

    /** WireMock standing in for Woodpecker, held to its spec. */
    static WireMockUpstream ci(WireMockExtension server) {
        return new WireMockUpstream(server, Clock.systemUTC(), UNDECLARED, "contracts/woodpecker-v3.17.0.facts");
    }

    /** The adapter with the stand-in's timeouts and retries; a null {@code repoIdOverride} looks the id up. */
    static WoodpeckerCiAdapter adapter(WireMockUpstream ci, Long repoIdOverride, Duration requestTimeout) {
        HttpTimeouts timeouts = ci.timeouts(requestTimeout);
        return new WoodpeckerCiAdapter(new CiSettings(ci.url(), Secret.of(TOKEN, "WOODPECKER_TOKEN"), repoIdOverride),
                timeouts, WoodpeckerApi.newClient(timeouts), WoodpeckerApi.newMapper(), ci.retries());
    }

    static String repo() {
        return """
                {"id":7,"forge_remote_id":"31","owner":"acme","name":"widgets","full_name":"acme/widgets",\
                "default_branch":"main","active":true,"private":false,"visibility":"public","forge_url":"http://forge.test/acme/widgets"}""";
    }

    static String pipeline(long id, long number, String status, String key, long created) {
        return """
                {"id":%d,"number":%d,"status":"%s","event":"manual","branch":"main","ref":"refs/heads/main",\
                "commit":"0a1b2c","message":"MANUAL PIPELINE @ main","author":"bot","sender":"bot",\
                "variables":{"CHAT_ACTION_KEY":"%s"},"created":%d,"started":0,"finished":0,"forge_url":"http://forge.test/acme/widgets/commit/0a1b2c"}"""
                .formatted(id, number, status, key, created);
    }
}
