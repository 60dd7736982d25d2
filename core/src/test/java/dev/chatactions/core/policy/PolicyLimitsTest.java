package dev.chatactions.core.policy;

import static dev.chatactions.core.testing.ActionFixture.REPO;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.RepoRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every cap holds exactly at its limit, and what a decision carries is what was asked for. */
class PolicyLimitsTest {

    private final PolicySettings settings = PolicySettings.defaults(REPO);
    private final ActionPolicy policy = new ActionPolicy(settings);

    private Decision issueWithLabels(List<String> labels) {
        String json = String.join(",", labels.stream().map(l -> "\"" + l + "\"").toList());
        return policy.decide("issue-create", payload("{\"title\":\"t\",\"labels\":[" + json + "]}"));
    }

    @Test
    void twenty_labels_of_a_hundred_characters_each_are_allowed() {
        List<String> exact = IntStream.range(0, ActionPolicy.MAX_LABELS)
                .mapToObj(i -> String.format("%02d", i) + "x".repeat(ActionPolicy.MAX_LABEL - 2)).toList();
        assertThat(exact).allMatch(l -> l.length() == ActionPolicy.MAX_LABEL);
        assertThat(issueWithLabels(exact).isAllowed()).isTrue();
    }

    @Test
    void a_label_one_character_too_long_is_named_shortened() {
        String label = "L".repeat(ActionPolicy.MAX_LABEL + 1);
        assertThat(((Decision.Denied) issueWithLabels(List.of(label))).reasons())
                .containsExactly("label \"" + "L".repeat(77) + "...\" is longer than 100 characters");
    }

    @Test
    void a_value_of_eighty_characters_is_quoted_whole_and_one_more_is_shortened() {
        String eighty = "r".repeat(80);
        assertThat(((Decision.Denied) policy.decide("ci-run", payload("{\"repo\":\"" + eighty + "\",\"branch\":\"main\"}"))).reasons())
                .containsExactly("repo \"" + eighty + "\" must be owner/name");
        assertThat(((Decision.Denied) policy.decide("ci-run", payload("{\"repo\":\"" + eighty + "r\",\"branch\":\"main\"}"))).reasons())
                .containsExactly("repo \"" + "r".repeat(77) + "...\" must be owner/name");
    }

    @Test
    void a_branch_name_of_255_characters_is_allowed_and_256_is_not() {
        String longest = "b".repeat(GitRefNames.MAX_LENGTH);
        assertThat(policy.decide("ci-run", payload("{\"branch\":\"" + longest + "\"}")))
                .isEqualTo(new Decision.Allowed(new CiRun(REPO, longest)));
        assertThat(GitRefNames.problem(longest + "b")).contains("is longer than 255 characters");
    }

    @Test
    void a_ci_run_on_an_allowed_extra_repo_runs_there() {
        RepoRef other = new RepoRef("other", "app");
        ActionPolicy wider = new ActionPolicy(new PolicySettings(REPO, Set.of(other), EnumSet.allOf(ActionType.class)));
        assertThat(wider.decide("ci-run", payload("{\"repo\":\"other/app\",\"branch\":\"main\"}")))
                .isEqualTo(new Decision.Allowed(new CiRun(other, "main")));
        assertThat(policy.settings()).isSameAs(settings);
    }

    @Test
    void a_denial_is_not_allowed() {
        Decision denied = policy.decide("issue-create", payload("{}"));
        assertThat(denied).isInstanceOf(Decision.Denied.class);
        assertThat(denied.isAllowed()).isFalse();
    }
}
