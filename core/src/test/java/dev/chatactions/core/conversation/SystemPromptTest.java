package dev.chatactions.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.PolicySettings;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SystemPromptTest {

    private static final RepoRef REPO = new RepoRef("acme", "shop");

    @Test
    void the_prompt_names_the_configured_repo_and_every_action_type_with_its_fields() {
        String prompt = SystemPrompt.builtIn(REPO);

        assertThat(prompt).doesNotContain("{{").contains("acme/shop")
                .contains("issue-create", "pr-create", "ci-run")
                .contains("\"title\"", "\"body\"", "\"labels\"", "\"head\"", "\"base\"", "\"branch\"", "\"repo\"")
                .contains("One marker per action").contains("code block").containsIgnoringCase("click");
    }

    @Test
    void a_reply_that_follows_the_prompts_own_examples_gives_valid_allowed_markers() {
        String prompt = SystemPrompt.builtIn(REPO);
        Matcher examples = Pattern.compile("<action type=\"[a-z-]+\">\\{.*?}</action>").matcher(prompt);
        StringBuilder reply = new StringBuilder("Here is what I propose:\n\n");
        int count = 0;
        while (examples.find()) {
            reply.append("- ").append(examples.group()).append('\n');
            count++;
        }

        List<MarkerReview> reviews = AssistantTextReview.deciding(new ActionPolicy(PolicySettings.defaults(REPO)))
                .review("alice", "0123456789ab", reply.toString());

        assertThat(count).isEqualTo(3);
        assertThat(reviews).hasSize(3).allSatisfy(review -> assertThat(review).isInstanceOf(MarkerReview.Offered.class));
        assertThat(reviews).extracting(MarkerReview::type).containsExactly("issue-create", "pr-create", "ci-run");
    }

    @Test
    void the_grammar_line_of_the_prompt_is_not_itself_a_marker_the_page_would_show() {
        List<MarkerReview> reviews = AssistantTextReview.deciding(new ActionPolicy(PolicySettings.defaults(REPO)))
                .review("alice", "0123456789ab", SystemPrompt.builtIn(REPO));

        assertThat(reviews).extracting(MarkerReview::type).containsExactly("issue-create", "pr-create", "ci-run");
    }
}
