package dev.chatactions.app.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.testing.ActionFixture;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What the command tests share: a configured harness, Forgejo-shaped answers, recorded attempts. */
public final class CliFixture {

    public static final String TOKEN = "forge-token-0123456789";
    public static final String CI_TOKEN = "ci-token-0123456789";
    public static final String USER = "alice";
    public static final String ISSUES_PATH = "/api/v1/repos/factory/app/issues";

    private CliFixture() {
    }

    /** Fails a test whose output or log lines show a token; register it as a static extension. */
    public static TokenLeakGuard leakGuard() {
        return new TokenLeakGuard(TOKEN, CI_TOKEN);
    }

    /**
     * A harness whose forge is {@code forge} (WireMock on loopback) and whose history is under
     * {@code historyDir}; every result it prints goes to {@code leaks}.
     */
    public static CliHarness configured(WireMockExtension forge, Path historyDir, TokenLeakGuard leaks) {
        return new CliHarness()
                .observe(leaks::record)
                .env("FORGE_URL", forge.baseUrl())
                .env("FORGE_TOKEN", TOKEN)
                .env("FORGE_OWNER", ActionFixture.REPO.owner())
                .env("FORGE_REPO", ActionFixture.REPO.name())
                .env("CHAT_HISTORY_DIR", historyDir.toString())
                .osUser(USER);
    }

    /** Forgejo's answer to a created issue (forgejo-swagger.v1.json, trimmed). */
    public static String issue(long number, String body) {
        return """
                {"id":%d,"number":%d,"title":"Flaky test","body":"%s","state":"open",\
                "html_url":"http://forge.test/factory/app/issues/%d","created_at":"2026-11-23T20:00:01Z"}"""
                .formatted(1000 + number, number, body.replace("\n", "\\n"), number);
    }

    /** An issue-create attempt as the service records it. */
    public static ActionLine attempt(Instant ts, String key, String title, ActionStatus status) {
        ActionResult result = status == ActionStatus.DONE
                ? new ActionResult("issue", 1001, 1, "http://forge.test/factory/app/issues/1", "open",
                        new UpstreamResponse(201, Payload.empty()))
                : null;
        Failure failure = switch (status) {
            case FAILED -> Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "Forgejo answered 503");
            case UNKNOWN -> Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "no answer within 30s");
            default -> null;
        };
        List<String> reasons = status == ActionStatus.DENIED ? List.of("title must not be empty") : List.of();
        return new ActionLine(ts, USER, null, "issue-create", key, null,
                ActionFixture.payload("{\"title\":\"" + title + "\"}"), status, reasons, result, failure, null);
    }
}
