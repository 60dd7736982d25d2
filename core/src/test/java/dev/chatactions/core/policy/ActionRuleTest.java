package dev.chatactions.core.policy;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.ActionType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActionRuleTest {

    private static List<String> reasons(ActionRule rule, ActionType type, String json) {
        return rule.reasons(ActionDraft.read(type, payload(json)), anyPolicySettings());
    }

    @ParameterizedTest
    @EnumSource(ActionType.class)
    void every_type_first_checks_that_it_is_switched_on_and_takes_only_its_own_fields(ActionType type) {
        assertThat(ActionPolicy.rulesFor(type)).startsWith(
                ActionPolicy.TYPE_SWITCHED_ON, ActionPolicy.NO_DESTRUCTIVE_NAMES, ActionPolicy.ONLY_KNOWN_FIELDS);
    }

    @Test
    void given_destructive_and_unknown_fields_when_decided_then_the_destructive_ones_are_named_first() {
        Decision decision = new ActionPolicy(anyPolicySettings())
                .decide("issue-create", payload("{\"state\":\"closed\",\"title\":\"t\",\"closed\":true}"));

        assertThat(decision).isEqualTo(new Decision.Denied(List.of(
                "field \"closed\" is not an additive action (close)",
                "unknown field \"state\" for issue-create (allowed: body, labels, title)")));
    }

    @Test
    void a_rule_speaks_only_of_its_own_concern() {
        String longInvisibleTitle = "{\"title\":\"" + "\\u200b".repeat(300) + "\"}";

        assertThat(reasons(ActionPolicy.TITLE_LENGTH, ActionType.ISSUE_CREATE, longInvisibleTitle))
                .as("a title that shows nothing is refused as empty, not as long").isEmpty();
        assertThat(reasons(ActionPolicy.TITLE_SHOWS_TEXT, ActionType.ISSUE_CREATE, longInvisibleTitle))
                .containsExactly("title is empty (only invisible or space characters)");
        assertThat(reasons(ActionPolicy.TITLE_LENGTH, ActionType.ISSUE_CREATE, "{\"title\":5}"))
                .as("a title that is no string is the concern of TITLE_IS_GIVEN").isEmpty();
        assertThat(reasons(ActionPolicy.HEAD_DIFFERS_FROM_BASE, ActionType.PR_CREATE, "{\"head\":\"a b\",\"base\":\"a b\"}"))
                .containsExactly("head and base are the same branch (\"a b\")");
    }
}
