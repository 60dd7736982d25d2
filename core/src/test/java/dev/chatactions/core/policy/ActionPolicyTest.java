package dev.chatactions.core.policy;

import static dev.chatactions.core.testing.ActionFixture.REPO;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.ActionType;
import dev.chatactions.core.action.CiRun;
import dev.chatactions.core.action.IssueCreate;
import dev.chatactions.core.action.PrCreate;
import dev.chatactions.core.action.RepoRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ActionPolicyTest {

    private final ActionPolicy policy = new ActionPolicy(PolicySettings.defaults(REPO));

    private List<String> reasons(String type, String json) {
        Decision decision = policy.decide(type, payload(json));
        assertThat(decision).isInstanceOf(Decision.Denied.class);
        return ((Decision.Denied) decision).reasons();
    }

    @Test
    void allows_an_issue_with_labels_into_the_configured_repo() {
        Decision decision = policy.decide("issue-create",
                payload("{\"title\":\"Flaky test in ci.yml\",\"body\":\"x\",\"labels\":[\"bug\",\"ci\"]}"));
        assertThat(decision).isEqualTo(new Decision.Allowed(
                new IssueCreate(REPO, "Flaky test in ci.yml", "x", List.of("bug", "ci"))));
    }

    @Test
    void allows_a_pull_request_and_a_fork_head() {
        assertThat(policy.decide("pr-create", payload("{\"head\":\"alice:fix/x\",\"base\":\"main\",\"title\":\"Fix\"}")))
                .isEqualTo(new Decision.Allowed(new PrCreate(REPO, "alice:fix/x", "main", "Fix", "")));
    }

    @Test
    void ci_run_defaults_to_the_configured_repo_and_accepts_it_named() {
        assertThat(policy.decide("ci-run", payload("{\"branch\":\"main\"}")))
                .isEqualTo(new Decision.Allowed(new CiRun(REPO, "main")));
        assertThat(policy.decide("ci-run", payload("{\"repo\":\"factory/app\",\"branch\":\"release/1.2\"}")))
                .isEqualTo(new Decision.Allowed(new CiRun(REPO, "release/1.2")));
    }

    @Test
    void ci_run_on_a_repo_outside_the_allow_list_is_denied_and_an_allowed_extra_repo_passes() {
        assertThat(reasons("ci-run", "{\"repo\":\"other/app\",\"branch\":\"main\"}"))
                .containsExactly("repo \"other/app\" is not in the allow-list (factory/app)");
        ActionPolicy wider = new ActionPolicy(new PolicySettings(REPO, Set.of(new RepoRef("other", "app")),
                EnumSet.allOf(ActionType.class)));
        assertThat(wider.decide("ci-run", payload("{\"repo\":\"other/app\",\"branch\":\"main\"}")).isAllowed()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "delete-repo   | \"delete-repo\" is not an additive action (delete)",
        "branch-remove | \"branch-remove\" is not an additive action (remove)",
        "issue-close   | \"issue-close\" is not an additive action (close)",
        "force-push    | \"force-push\" is not an additive action (force)",
        "secret-read   | \"secret-read\" is not an additive action (secret)",
        "token-create  | \"token-create\" is not an additive action (token)",
        "admin-grant   | \"admin-grant\" is not an additive action (admin)",
        "pr-merge      | \"pr-merge\" is not an additive action (merge)",
        "comment-create| unknown action type \"comment-create\" (allowed: ci-run, issue-create, pr-create)",
    })
    void other_types_are_denied_destructive_ones_as_not_additive(String type, String reason) {
        assertThat(reasons(type, "{}")).containsExactly(reason);
    }

    @Test
    void unknown_fields_are_denied_and_destructive_fields_are_not_additive() {
        assertThat(reasons("issue-create", "{\"title\":\"x\",\"state\":\"closed\"}"))
                .containsExactly("unknown field \"state\" for issue-create (allowed: body, labels, title)");
        assertThat(reasons("issue-create", "{\"title\":\"x\",\"closed\":true}"))
                .containsExactly("field \"closed\" is not an additive action (close)");
        assertThat(reasons("pr-create", "{\"head\":\"a\",\"base\":\"b\",\"title\":\"t\",\"force\":true}"))
                .containsExactly("field \"force\" is not an additive action (force)");
    }

    @Test
    void a_decision_collects_every_reason() {
        assertThat(reasons("pr-create", "{\"head\":\"main\",\"base\":\"main\",\"title\":\"\",\"body\":7,\"extra\":1}"))
                .containsExactlyInAnyOrder(
                        "unknown field \"extra\" for pr-create (allowed: base, body, head, title)",
                        "title is empty",
                        "body must be a string",
                        "head and base are the same branch (\"main\")");
    }

    @Test
    void required_fields_and_types_are_checked() {
        assertThat(reasons("issue-create", "{}")).containsExactly("title is required");
        assertThat(reasons("issue-create", "{\"title\":5}")).containsExactly("title must be a string");
        assertThat(reasons("ci-run", "{}")).containsExactly("branch is required");
        assertThat(reasons("pr-create", "{\"title\":\"t\"}")).containsExactly("head is required", "base is required");
        assertThat(reasons("issue-create", "{\"title\":\"x\",\"labels\":\"bug\"}"))
                .containsExactly("labels must be an array of label names");
        assertThat(reasons("issue-create", "{\"title\":\"x\",\"labels\":[\"bug\",3]}"))
                .containsExactly("labels must be non-empty label names (strings)");
    }

    @Test
    void title_length_counts_characters_and_stops_at_255() {
        String emoji = "\uD83D\uDE00";
        assertThat(policy.decide("issue-create", payload("{\"title\":\"" + emoji.repeat(255) + "\"}")).isAllowed()).isTrue();
        assertThat(reasons("issue-create", "{\"title\":\"" + "x".repeat(256) + "\"}"))
                .containsExactly("title is 256 characters long (at most 255)");
        assertThat(reasons("issue-create", "{\"title\":\"   \"}")).containsExactly("title is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u200b", "\\u00a0", "\\u2003", "\\u3000", "\\u200b\\u00a0\\u2060\\ufeff", "\\u0301", "\\u3164", "\\u2800"})
    void a_title_or_label_of_only_invisible_or_space_characters_is_empty(String invisible) {
        assertThat(reasons("issue-create", "{\"title\":\"" + invisible + "\"}")).singleElement().asString()
                .startsWith("title is empty");
        assertThat(reasons("issue-create", "{\"title\":\"t\",\"labels\":[\"" + invisible + "\"]}"))
                .containsExactly("labels must be non-empty label names (strings)");
    }

    @Test
    void a_title_with_visible_text_keeps_its_joiners_and_odd_spaces() {
        String family = "\\ud83d\\udc69\\u200d\\ud83d\\udcbb";
        assertThat(policy.decide("issue-create", payload("{\"title\":\"Fix\\u00a0" + family + "\"}")).isAllowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u202e", "\\u202a", "\\u2066", "\\u2069", "\\u200e", "\\u200f", "\\u061c"})
    void bidirectional_controls_are_denied_where_a_button_shows_them(String control) {
        String shown = String.format("U+%04X", Integer.parseInt(control.substring(2), 16));
        assertThat(reasons("ci-run", "{\"branch\":\"fix" + control + "niam\"}"))
                .containsExactly("branch \"fix" + shown + "niam\" is not a valid branch name: it contains the bidirectional control "
                        + shown + ", which can disguise what is shown");
        assertThat(reasons("issue-create", "{\"title\":\"a" + control + "b\",\"labels\":[\"x" + control + "\"]}"))
                .containsExactly("title contains the bidirectional control " + shown + ", which can disguise what is shown",
                        "label \"x" + shown + "\" contains the bidirectional control " + shown + ", which can disguise what is shown");
        assertThat(reasons("pr-create", "{\"head\":\"a" + control + "\",\"base\":\"main\",\"title\":\"t\"}")).hasSize(1)
                .allSatisfy(reason -> assertThat(reason).startsWith("head \"a" + shown + "\" is not a valid branch name"));
        assertThat(policy.decide("issue-create", payload("{\"title\":\"t\",\"body\":\"RTL " + control + "text\"}")).isAllowed())
                .as("the body is not on the button").isTrue();
    }

    @Test
    void a_reason_quoting_a_field_name_or_type_writes_hidden_characters_out() {
        assertThat(reasons("issue-create", "{\"title\":\"t\",\"la\\u202ebel\":1}")).singleElement().asString()
                .startsWith("unknown field \"laU+202Ebel\"");
        assertThat(policy.decide("wiki\u202e-create", payload("{}")))
                .isEqualTo(new Decision.Denied(List.of("unknown action type \"wikiU+202E-create\" (allowed: ci-run, issue-create, pr-create)")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u200b", "\\u00a0", "\\u2060", "\\ufeff", "\\u00ad"})
    void invisible_characters_and_odd_spaces_are_denied_in_branch_names(String invisible) {
        assertThat(reasons("ci-run", "{\"branch\":\"ma" + invisible + "in\"}")).singleElement().asString()
                .contains("contains the invisible character U+", "which can disguise what is shown")
                .doesNotContain(invisible);
    }

    @Test
    void body_is_capped_at_64_KiB_of_UTF_8() {
        String ok = "x".repeat(64 * 1024);
        assertThat(policy.decide("issue-create", payload("{\"title\":\"t\",\"body\":\"" + ok + "\"}")).isAllowed()).isTrue();
        assertThat(reasons("issue-create", "{\"title\":\"t\",\"body\":\"" + "\u00e9".repeat(32 * 1024 + 1) + "\"}"))
                .containsExactly("body is 65538 bytes (at most 64 KiB)");
    }

    @Test
    void labels_are_capped_at_twenty_and_may_not_repeat() {
        String twentyOne = String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "\"l" + i + "\"").toList());
        assertThat(reasons("issue-create", "{\"title\":\"t\",\"labels\":[" + twentyOne + "]}"))
                .containsExactly("labels has 21 entries (at most 20)");
        assertThat(reasons("issue-create", "{\"title\":\"t\",\"labels\":[\"bug\",\"bug\"]}"))
                .containsExactly("label \"bug\" is listed twice");
    }

    @Test
    void branch_names_follow_git_ref_rules() {
        assertThat(reasons("ci-run", "{\"branch\":\"feature..x\"}"))
                .containsExactly("branch \"feature..x\" is not a valid branch name: it contains '..'");
        assertThat(reasons("pr-create", "{\"head\":\"a b\",\"base\":\"main\",\"title\":\"t\"}"))
                .containsExactly("head \"a b\" is not a valid branch name: it contains a space or control character");
        assertThat(reasons("pr-create", "{\"head\":\"a:b:c\",\"base\":\"main\",\"title\":\"t\"}"))
                .containsExactly("head \"a:b:c\" must be a branch or user:branch");
    }

    @Test
    void a_switched_off_type_is_denied_with_that_reason() {
        ActionPolicy noCi = new ActionPolicy(new PolicySettings(REPO, Set.of(),
                EnumSet.of(ActionType.ISSUE_CREATE, ActionType.PR_CREATE)));
        assertThat(((Decision.Denied) noCi.decide("ci-run", payload("{\"branch\":\"main\"}"))).reasons())
                .containsExactly("ci-run is switched off in this deployment");
    }
}
