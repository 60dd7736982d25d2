package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.service.ActionOutcome;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatHtmlTest {

    private static final LinkTargets FORGE = LinkTargets.to(List.of(URI.create("http://forge.test")));

    private static final ActionResult ISSUE = new ActionResult("issue", 101, 12, "http://forge.test/factory/app/issues/12",
            "open", new UpstreamResponse(201, Payload.empty()));

    @Test
    void a_created_issue_links_to_it_even_when_the_history_missed_it() {
        String html = ChatHtml.outcome("issue-create",
                new ActionOutcome.NotRecorded("k", new ActionOutcome.Done("k", ISSUE), "disk <full>"), FORGE);

        assertThat(html).contains("<a href=\"http://forge.test/factory/app/issues/12\">Issue #12</a> created")
                .contains("history could not be written:</strong> disk &lt;full&gt;</div>");
    }

    @Test
    void a_failure_shows_its_title_message_and_the_existing_pull_request() {
        ActionResult existing = new ActionResult("pull", 7, 7, "http://forge.test/pulls/7", "open",
                new UpstreamResponse(200, Payload.empty()));
        String html = ChatHtml.outcome("pr-create", new ActionOutcome.Failed("k",
                new Failure(Failure.Kind.ALREADY_EXISTS, 409, false, "already open as #7", List.of(), existing, null)), FORGE);

        assertThat(html).contains("<strong>Already exists</strong>: already open as #7")
                .contains("<a href=\"http://forge.test/pulls/7\">#7</a>");
    }

    @Test
    void a_dry_run_shows_what_would_have_been_sent_escaped() {
        ActionResult dryRun = new ActionResult("issue", 0, 0, "", "dry-run",
                new UpstreamResponse(0, Payload.of(Map.of("method", "POST", "body", Map.of("title", "<b>x</b>")))), true);

        String html = ChatHtml.outcome("issue-create", new ActionOutcome.Done("k", dryRun), FORGE);

        assertThat(html).contains("dry run — nothing was sent").contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
        "http://evil.example/issues/12", "https://forge.test@evil.example/", "http://user:pw@forge.test/x", "//forge.test/x",
        "http://forge.test/a b", "vbscript:msgbox(1)"})
    void an_upstream_url_that_is_not_a_link_to_the_forge_is_shown_as_text(String url) {
        ActionResult hostile = new ActionResult("issue", 101, 12, url, "open", new UpstreamResponse(201, Payload.empty()));
        ActionResult existing = new ActionResult("pull", 7, 7, url, "open", new UpstreamResponse(200, Payload.empty()));

        String done = ChatHtml.outcome("issue-create", new ActionOutcome.Done("k", hostile), FORGE);
        String exists = ChatHtml.outcome("pr-create", new ActionOutcome.Failed("k",
                new Failure(Failure.Kind.ALREADY_EXISTS, 409, false, "already open as #7", List.of(), existing, null)), FORGE);

        assertThat(done).doesNotContain("<a ", "href").contains("Issue #12 <span class=\"not-a-link\">(", ")</span> created");
        assertThat(exists).doesNotContain("<a ", "href").contains("#7 <span class=\"not-a-link\">(");
    }

    @Test
    void a_ci_run_outcome_says_when_the_same_run_is_offered_again() {
        ActionResult pipeline = new ActionResult("pipeline", 9, 9, "http://forge.test/repos/1/pipeline/9", "pending",
                new UpstreamResponse(200, Payload.empty()));

        assertThat(ChatHtml.outcome("ci-run", new ActionOutcome.Done("k", pipeline), FORGE)).contains(ChatHtml.CI_RUN_NOTE);
        assertThat(ChatHtml.outcome("issue-create", new ActionOutcome.Done("k", ISSUE), FORGE)).doesNotContain(ChatHtml.CI_RUN_NOTE);
    }

    @Test
    void a_denied_button_writes_out_the_characters_that_would_disguise_it() {
        String html = ChatHtml.deniedButton("ci-run", Payload.of(Map.of("title", "fix\u202Eniam", "branch", "ma\u200Bin")),
                List.of("branch \"maU+200Bin\" is not a valid branch name"));

        assertThat(html).contains("<q>fixU+202Eniam</q>", "<code>maU+200Bin</code>").doesNotContain("\u202E", "\u200B");
    }
}
