package dev.chatactions.core.service;

import static dev.chatactions.core.testing.ActionFixture.anyIssuePayload;
import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static dev.chatactions.core.testing.ActionFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.service.ExecuteActionUseCase.ProposalClaim;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A click on a proposal runs only as the proposal was shown: its type, payload and conversation. */
class ProposalClaimCheckTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final ActionService service = ActionService.restore(new ActionPolicy(anyPolicySettings()), upstream, upstream,
            new InMemoryHistory(), MutableClock.at("2026-11-23T20:00:00Z"));
    private final Proposal proposal = service.propose("alice", "0123456789ab", "issue-create", anyIssuePayload());
    private final ProposalClaim claim = new ProposalClaim(proposal.id(), proposal.digest());

    private ActionOutcome click(String conversation, String type) {
        return service.execute(new ExecuteActionCommand("alice", conversation, type, anyIssuePayload(), null, claim));
    }

    @Test
    void a_claim_under_another_type_is_denied_with_both_reasons() {
        ActionOutcome outcome = click("0123456789ab", "pr-create");

        assertThat(outcome).isEqualTo(new ActionOutcome.Denied(proposal.id(), List.of(
                "unknown field \"labels\" for pr-create (allowed: base, body, head, title)",
                "head is required",
                "base is required",
                "proposal \"" + proposal.id() + "\" is a issue-create, not a pr-create")));
        assertThat(upstream.calls()).isEmpty();
    }

    @Test
    void a_claim_from_another_conversation_is_denied() {
        ActionOutcome outcome = click("ba9876543210", "issue-create");

        assertThat(outcome).isEqualTo(new ActionOutcome.Denied(proposal.id(),
                List.of("proposal \"" + proposal.id() + "\" belongs to another conversation")));
        assertThat(upstream.calls()).isEmpty();
    }

    @Test
    void a_claim_in_its_own_conversation_runs_there() {
        ActionOutcome outcome = click("0123456789ab", "issue-create");

        assertThat(outcome).isInstanceOf(ActionOutcome.Done.class);
        assertThat(upstream.calls()).hasSize(1);
    }

    @Test
    void a_tampered_payload_is_denied_even_when_the_policy_allows_it() {
        ActionOutcome outcome = service.execute(new ExecuteActionCommand(
                "alice", null, "issue-create", payload("{\"title\":\"other\"}"), null, claim));

        assertThat(outcome).isEqualTo(new ActionOutcome.Denied(proposal.id(),
                List.of("the payload differs from proposal \"" + proposal.id() + "\" as it was shown")));
    }
}
