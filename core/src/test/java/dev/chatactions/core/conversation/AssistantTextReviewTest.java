package dev.chatactions.core.conversation;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.ActionMarkerParser;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ActionService;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.service.ExecuteActionUseCase.ProposalClaim;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssistantTextReviewTest {

    private static final String TEXT = "a <action type=\"issue-create\">{\"title\":\"Flaky\"}</action>"
            + " b <action type=\"branch-delete\">{\"branch\":\"old\"}</action>"
            + " c <action type=\"ci-run\">{\"branch\": </action>";
    private static final String CONVERSATION = "0123456789ab";

    private final InMemoryHistory history = new InMemoryHistory();
    private final FakeUpstream upstream = new FakeUpstream();
    private final ActionService service = new ActionService(
            new ActionPolicy(anyPolicySettings()), upstream, upstream, history, MutableClock.at("2026-12-01T10:00:00Z"));

    @Test
    void allowed_markers_are_offered_denied_ones_refused_with_reasons_and_broken_ones_warned_at_their_offsets() {
        List<MarkerReview> reviews = AssistantTextReview.offering(service).review("alice", CONVERSATION, TEXT);

        assertThat(reviews).hasSize(3);
        assertThat(reviews.get(0)).isInstanceOf(MarkerReview.Offered.class);
        assertThat(((MarkerReview.Offered) reviews.get(0)).proposal()).isNotNull();
        assertThat(((MarkerReview.Offered) reviews.get(0)).recorded()).isNull();
        assertThat(reviews.get(1)).isInstanceOf(MarkerReview.Refused.class);
        assertThat(((MarkerReview.Refused) reviews.get(1)).reasons()).anyMatch(r -> r.contains("not an additive action"));
        assertThat(reviews.get(2)).isInstanceOf(MarkerReview.Broken.class);
        assertThat(reviews).extracting(MarkerReview::start)
                .containsExactlyElementsOf(ActionMarkerParser.parse(TEXT).stream().map(m -> m.start()).toList());
        assertThat(history.records(ProposalLine.class)).hasSize(1);
    }

    @Test
    void a_preview_writes_nothing_and_names_the_proposal_registering_gives() {
        AssistantTextReview review = AssistantTextReview.offering(service);
        MarkerReview.Offered preview = (MarkerReview.Offered) review.preview("alice", CONVERSATION,
                ActionMarkerParser.parse(TEXT).get(0));

        assertThat(history.records()).isEmpty();
        MarkerReview.Offered registered = (MarkerReview.Offered) review.register(preview);
        assertThat(registered.proposal().id()).isEqualTo(preview.proposal().id());
        assertThat(registered.proposal().digest()).isEqualTo(preview.proposal().digest());
        assertThat(history.records(ProposalLine.class)).hasSize(1);
    }

    @Test
    void a_proposal_that_ran_is_reviewed_with_its_recorded_outcome() {
        AssistantTextReview review = AssistantTextReview.offering(service);
        MarkerReview.Offered offered = (MarkerReview.Offered) review.review("alice", CONVERSATION, TEXT).get(0);
        service.execute(new ExecuteActionCommand("alice", CONVERSATION, "issue-create", offered.payload(), null,
                new ProposalClaim(offered.proposal().id(), offered.proposal().digest())));

        MarkerReview.Offered again = (MarkerReview.Offered) review.review("alice", CONVERSATION, TEXT).get(0);

        assertThat(again.recorded()).isInstanceOf(ActionOutcome.Done.class);
    }

    @Test
    void a_proposal_the_history_cannot_record_is_a_warning_not_a_button() {
        history.failAppends(true);

        List<MarkerReview> reviews = AssistantTextReview.offering(service).review("alice", CONVERSATION, TEXT);

        assertThat(reviews.get(0)).isInstanceOf(MarkerReview.Broken.class);
        assertThat(((MarkerReview.Broken) reviews.get(0)).reason()).contains("could not be offered");
    }

    @Test
    void deciding_only_offers_without_proposals_and_writes_nothing() {
        List<MarkerReview> reviews = AssistantTextReview.deciding(new ActionPolicy(anyPolicySettings())).review(null, null, TEXT);

        assertThat(reviews).extracting(r -> r.getClass().getSimpleName()).containsExactly("Offered", "Refused", "Broken");
        assertThat(((MarkerReview.Offered) reviews.get(0)).proposal()).isNull();
        assertThat(history.records()).isEmpty();
    }
}
