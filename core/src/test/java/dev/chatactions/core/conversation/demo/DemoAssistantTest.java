package dev.chatactions.core.conversation.demo;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.conversation.AssistantTextReview;
import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoAssistantTest {

    private static final UUID SESSION = UUID.fromString("6f1b6d3c-1111-3222-8333-444455556666");

    private static AssistantRequest request(String message) {
        return new AssistantRequest("alice", "0123456789ab", message, SESSION, false, "prompt");
    }

    private static List<String> kinds(String reply) {
        return AssistantTextReview.deciding(new ActionPolicy(anyPolicySettings())).review("alice", "0123456789ab", reply)
                .stream().map(r -> r.getClass().getSimpleName() + ":" + r.type()).toList();
    }

    @Test
    void keywords_pick_the_script_whole_words_only() {
        assertThat(kinds(DemoAssistant.reply("We have a flaky test"))).containsExactly("Offered:issue-create");
        assertThat(kinds(DemoAssistant.reply("Please open a PR for the fix."))).containsExactly("Offered:pr-create");
        assertThat(kinds(DemoAssistant.reply("run CI?"))).containsExactly("Offered:ci-run");
        assertThat(kinds(DemoAssistant.reply("delete the old branch"))).containsExactly("Refused:branch-delete");
        assertThat(kinds(DemoAssistant.reply("help"))).isEmpty();
        assertThat(DemoAssistant.reply("let us decide")).isEqualTo(DemoAssistant.reply("anything"));
    }

    @Test
    void the_tour_has_valid_denied_and_broken_markers_and_says_it_is_the_demo_model() {
        String tour = DemoAssistant.reply("show me around");

        assertThat(kinds(tour)).containsExactly("Offered:issue-create", "Offered:pr-create", "Offered:ci-run",
                "Refused:branch-delete", "Broken:issue-create");
        assertThat(tour).contains(DemoAssistant.LABEL);
    }

    @Test
    void the_reply_streams_in_small_pieces_and_completes_in_the_requested_session() {
        List<String> deltas = new ArrayList<>();

        TurnEnd end = new DemoAssistant(Duration.ZERO).converse(request("tour"), deltas::add, new CancelSignal());

        assertThat(deltas).hasSizeGreaterThan(20).allSatisfy(d -> assertThat(d.length()).isLessThanOrEqualTo(7));
        assertThat(String.join("", deltas)).isEqualTo(DemoAssistant.reply("tour"));
        assertThat(end).isInstanceOf(TurnEnd.Completed.class);
        assertThat(((TurnEnd.Completed) end).modelSession()).isEqualTo(SESSION.toString());
    }

    @Test
    void a_cancel_stops_the_reply_between_pieces() {
        CancelSignal cancel = new CancelSignal();
        List<String> deltas = new ArrayList<>();

        TurnEnd end = new DemoAssistant(Duration.ofMillis(1)).converse(request("tour"), delta -> {
            deltas.add(delta);
            if (deltas.size() == 3) {
                cancel.cancel("the page was closed");
            }
        }, cancel);

        assertThat(end).isEqualTo(new TurnEnd.Cancelled("the page was closed"));
        assertThat(deltas).hasSize(3);
    }

    @Test
    void a_reader_that_throws_ends_the_turn_as_failed() {
        TurnEnd end = new DemoAssistant(Duration.ZERO).converse(request("tour"), delta -> {
            throw new IllegalStateException("the page went away");
        }, new CancelSignal());

        assertThat(end).isInstanceOf(TurnEnd.Failed.class);
    }
}
