package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.service.ActionOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatHtmlTest {

    private static final ActionResult ISSUE = new ActionResult("issue", 101, 12, "http://forge.test/factory/app/issues/12",
            "open", new UpstreamResponse(201, Payload.empty()));

    @Test
    void a_created_issue_links_to_it_even_when_the_history_missed_it() {
        String html = ChatHtml.outcome("issue-create",
                new ActionOutcome.NotRecorded("k", new ActionOutcome.Done("k", ISSUE), "disk <full>"));

        assertThat(html).contains("<a href=\"http://forge.test/factory/app/issues/12\">Issue #12</a> created")
                .contains("history could not be written:</strong> disk &lt;full&gt;</div>");
    }

    @Test
    void a_failure_shows_its_title_message_and_the_existing_pull_request() {
        ActionResult existing = new ActionResult("pull", 7, 7, "http://forge.test/pulls/7", "open",
                new UpstreamResponse(200, Payload.empty()));
        String html = ChatHtml.outcome("pr-create", new ActionOutcome.Failed("k",
                new Failure(Failure.Kind.ALREADY_EXISTS, 409, false, "already open as #7", List.of(), existing, null)));

        assertThat(html).contains("<strong>Already exists</strong>: already open as #7")
                .contains("<a href=\"http://forge.test/pulls/7\">#7</a>");
    }

    @Test
    void a_dry_run_shows_what_would_have_been_sent_escaped() {
        ActionResult dryRun = new ActionResult("issue", 0, 0, "", "dry-run",
                new UpstreamResponse(0, Payload.of(Map.of("method", "POST", "body", Map.of("title", "<b>x</b>")))));

        String html = ChatHtml.outcome("issue-create", new ActionOutcome.Done("k", dryRun));

        assertThat(html).contains("dry run — nothing was sent").contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>");
    }
}
