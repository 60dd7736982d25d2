package dev.chatactions.core.conversation;

import static dev.chatactions.core.testing.ActionFixture.anyPolicySettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.conversation.ConverseUseCase.Refusal;
import dev.chatactions.core.conversation.ConverseUseCase.SendMessageCommand;
import dev.chatactions.core.conversation.ConverseUseCase.TurnResult;
import dev.chatactions.core.conversation.ConverseUseCase.TurnStart;
import dev.chatactions.core.conversation.ConverseUseCase.TurnStatus;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.TurnEnd;
import dev.chatactions.core.service.ActionService;
import dev.chatactions.core.testing.FakeAssistant;
import dev.chatactions.core.testing.FakeUpstream;
import dev.chatactions.core.testing.InMemoryHistory;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConverseServiceTest {

    private static final String ISSUE = "<action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>";

    private final InMemoryHistory history = new InMemoryHistory();
    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final FakeUpstream upstream = new FakeUpstream();
    private final ActionService actions =
            new ActionService(new ActionPolicy(anyPolicySettings()), upstream, upstream, history, clock);
    private final FakeAssistant model = new FakeAssistant();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private ConverseService service(ConverseLimits limits) {
        return new ConverseService(model, AssistantTextReview.offering(actions), history, clock, limits, "the prompt", executor);
    }

    private ConverseService service() {
        return service(ConverseLimits.defaults());
    }

    private static ConverseLimits limits(int maxReply, Duration maxTurn, int perUser, int total) {
        return new ConverseLimits(100, maxReply, maxTurn, perUser, total, Duration.ofSeconds(7));
    }

    private static TurnStart.Started started(TurnStart start) {
        assertThat(start).isInstanceOf(TurnStart.Started.class);
        return (TurnStart.Started) start;
    }

    /** Sends {@code message} and waits for the turn's end. */
    private static TurnResult turn(ConverseService service, String conversation, String message, RecordingListener listener)
            throws InterruptedException {
        started(service.send(new SendMessageCommand("alice", conversation, message), listener));
        return listener.awaitDone();
    }

    private List<ChatLine> chat(String conversation) {
        return history.records(ChatLine.class).stream().filter(l -> conversation.equals(l.conversation())).toList();
    }

    @Test
    void a_marker_is_announced_before_the_end_and_becomes_a_proposal_only_after_the_reply_is_recorded() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        model.thenWaitFor(gate, "Here you go:\n", ISSUE.substring(0, 20), ISSUE.substring(20), "\nanything else?");
        ConverseService service = service();
        String conversation = service.open("alice");
        RecordingListener listener = new RecordingListener();

        TurnStart.Started start = started(service.send(new SendMessageCommand("alice", conversation, "file the flaky test"), listener));

        MarkerReview marker = listener.awaitMarker();
        assertThat(marker).isInstanceOf(MarkerReview.Offered.class);
        assertThat(((MarkerReview.Offered) marker).proposal()).isNotNull();
        assertThat(history.records(ProposalLine.class)).isEmpty();
        assertThat(chat(conversation)).extracting(ChatLine::role).containsExactly("user");

        gate.countDown();
        TurnResult result = listener.awaitDone();

        assertThat(result.status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(result.reply()).isEqualTo("Here you go:\n" + ISSUE + "\nanything else?");
        assertThat(String.join("", listener.deltas())).isEqualTo(result.reply());
        List<HistoryRecord> records = history.records();
        assertThat(records).hasSize(3);
        ChatLine assistant = (ChatLine) records.get(1);
        assertThat(assistant.role()).isEqualTo("assistant");
        assertThat(assistant.content()).isEqualTo(result.reply());
        assertThat(assistant.turn().id()).isEqualTo(start.turn().id()).isEqualTo(((ChatLine) records.get(0)).turn().id());
        assertThat(assistant.turn().cutShort()).isNull();
        assertThat(assistant.turn().modelSession()).isEqualTo(ConverseService.modelSession("alice", conversation).toString());
        assertThat(records.get(2)).isInstanceOf(ProposalLine.class);
        assertThat(((ProposalLine) records.get(2)).id()).isEqualTo(((MarkerReview.Offered) marker).proposal().id());
        assertThat(listener.events.get(listener.events.size() - 1)).isInstanceOf(TurnResult.class);
    }

    @Test
    void denied_and_broken_markers_are_announced_as_such_and_never_proposed() throws Exception {
        model.then(FakeAssistant.completed(), "<action type=\"repo-delete\">{\"repo\":\"factory/app\"}</action>",
                " and <action type=\"issue-create\">{\"title\": nope}</action>");
        ConverseService service = service();
        String conversation = service.open("alice");
        RecordingListener listener = new RecordingListener();

        service.send(new SendMessageCommand("alice", conversation, "clean up"), listener);
        listener.awaitDone();

        assertThat(listener.events).filteredOn(MarkerReview.class::isInstance)
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("Refused", "Broken");
        assertThat(history.records(ProposalLine.class)).isEmpty();
    }

    @Test
    void a_second_message_while_a_turn_runs_is_busy_and_other_conversations_run_side_by_side() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        model.thenWaitFor(gate, "thinking").thenWaitFor(gate, "thinking"); // the two turns may take them in either order
        ConverseService service = service();
        String one = service.open("alice");
        String two = service.open("alice");
        RecordingListener first = new RecordingListener();
        RecordingListener other = new RecordingListener();

        TurnStart.Started running = started(service.send(new SendMessageCommand("alice", one, "hi"), first));
        TurnStart busy = service.send(new SendMessageCommand("alice", one, "hello?"), new RecordingListener());
        started(service.send(new SendMessageCommand("alice", two, "hi there"), other));

        assertThat(busy).isEqualTo(new TurnStart.Busy(running.turn().id()));
        gate.countDown();
        assertThat(first.awaitDone().status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(other.awaitDone().status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(chat(one)).extracting(ChatLine::content).containsExactly("hi", "thinking");
        RecordingListener after = new RecordingListener();
        started(service.send(new SendMessageCommand("alice", one, "again"), after));
        after.awaitDone();
    }

    @Test
    void caps_on_turns_per_person_and_in_total_answer_too_many_with_a_wait() {
        model.thenHang().thenHang().thenHang();
        ConverseService service = service(limits(1000, Duration.ofMinutes(1), 1, 2));
        String alice1 = service.open("alice");
        String alice2 = service.open("alice");
        String bob = service.open("bob");
        String carol = service.open("carol");

        TurnStart.Started first = started(service.send(new SendMessageCommand("alice", alice1, "a"), new RecordingListener()));
        assertThat(service.send(new SendMessageCommand("alice", alice2, "b"), new RecordingListener()))
                .isEqualTo(new TurnStart.TooMany(Duration.ofSeconds(7), true));
        TurnStart.Started second = started(service.send(new SendMessageCommand("bob", bob, "c"), new RecordingListener()));
        assertThat(service.send(new SendMessageCommand("carol", carol, "d"), new RecordingListener()))
                .isEqualTo(new TurnStart.TooMany(Duration.ofSeconds(7), false));
        first.turn().cancel("test over");
        second.turn().cancel("test over");
    }

    @Test
    void empty_too_long_and_unknown_conversations_are_refused_before_anything_is_recorded() {
        ConverseService service = service(limits(1000, Duration.ofMinutes(1), 1, 1));
        String conversation = service.open("alice");

        assertThat(service.send(new SendMessageCommand("alice", conversation, "  \n"), new RecordingListener()))
                .extracting(s -> ((TurnStart.Refused) s).refusal()).isEqualTo(Refusal.EMPTY);
        assertThat(service.send(new SendMessageCommand("alice", conversation, "x".repeat(101)), new RecordingListener()))
                .extracting(s -> ((TurnStart.Refused) s).refusal()).isEqualTo(Refusal.TOO_LONG);
        assertThat(service.send(new SendMessageCommand("alice", "0123456789ab", "hi"), new RecordingListener()))
                .extracting(s -> ((TurnStart.Refused) s).refusal()).isEqualTo(Refusal.UNKNOWN_CONVERSATION);
        assertThat(service.send(new SendMessageCommand("bob", conversation, "hi"), new RecordingListener()))
                .extracting(s -> ((TurnStart.Refused) s).refusal()).isEqualTo(Refusal.UNKNOWN_CONVERSATION);
        assertThat(history.records()).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void a_reply_over_the_cap_is_cut_short_the_model_cancelled_and_the_part_recorded() throws Exception {
        model.thenHang("0123456789", "abcdefghij", "never kept");
        ConverseService service = service(limits(15, Duration.ofMinutes(1), 1, 1));
        String conversation = service.open("alice");
        RecordingListener listener = new RecordingListener();

        TurnResult result = turn(service, conversation, "talk a lot", listener);

        assertThat(result.status()).isEqualTo(TurnStatus.FAILED);
        assertThat(result.reason()).contains("longer than 15 characters");
        assertThat(result.reply()).isEqualTo("0123456789abcde");
        assertThat(chat(conversation).get(1).content()).isEqualTo("0123456789abcde");
        assertThat(chat(conversation).get(1).turn().cutShort()).isEqualTo(result.reason());
    }

    @Test
    void a_turn_over_its_time_is_stopped_and_keeps_its_partial_text() throws Exception {
        model.thenHang("Let me think", " about <action type=\"issue-create\">{\"title\":");
        ConverseService service = service(limits(1000, Duration.ofMillis(200), 1, 1));
        String conversation = service.open("alice");
        RecordingListener listener = new RecordingListener();

        TurnResult result = turn(service, conversation, "slow", listener);

        assertThat(result.status()).isEqualTo(TurnStatus.FAILED);
        assertThat(result.reason()).contains("took longer");
        assertThat(result.retryable()).isTrue();
        assertThat(chat(conversation).get(1).content()).isEqualTo("Let me think about <action type=\"issue-create\">{\"title\":");
        assertThat(listener.events).filteredOn(MarkerReview.class::isInstance).singleElement()
                .isInstanceOf(MarkerReview.Broken.class);
    }

    @Test
    void a_person_who_leaves_cancels_the_turn_and_the_partial_reply_is_recorded_cut_short() throws Exception {
        model.thenHang("Half a rep");
        ConverseService service = service();
        String conversation = service.open("alice");
        RecordingListener listener = new RecordingListener();

        TurnStart.Started start = started(service.send(new SendMessageCommand("alice", conversation, "hi"), listener));
        model.awaitCall();
        start.turn().cancel("the page was closed");
        TurnResult result = listener.awaitDone();

        assertThat(result.status()).isEqualTo(TurnStatus.CANCELLED);
        assertThat(chat(conversation).get(1).content()).isEqualTo("Half a rep");
        assertThat(chat(conversation).get(1).turn().cutShort()).isEqualTo("the page was closed");
    }

    @Test
    void the_model_session_is_resumed_only_after_a_completed_turn() throws Exception {
        model.then(new TurnEnd.Failed("Rate limited by the model's provider; try again in a minute.", true), "Hal")
                .then(FakeAssistant.completed(), "Hello")
                .then(FakeAssistant.completed(), "Again");
        ConverseService service = service();
        String conversation = service.open("alice");

        for (String message : List.of("one", "two", "three")) {
            RecordingListener listener = new RecordingListener();
            service.send(new SendMessageCommand("alice", conversation, message), listener);
            listener.awaitDone();
        }

        List<AssistantRequest> requests = model.requests();
        assertThat(requests).extracting(AssistantRequest::resume).containsExactly(false, false, true);
        assertThat(requests).extracting(AssistantRequest::modelSession).containsOnly(ConverseService.modelSession("alice", conversation));
        assertThat(requests).extracting(AssistantRequest::systemPrompt).containsOnly("the prompt");
        assertThat(chat(conversation).get(1).turn().cutShort()).startsWith("Rate limited");
        assertThat(ConverseService.modelSession("alice", conversation)).isNotEqualTo(ConverseService.modelSession("bob", conversation));
    }

    @Test
    void a_listener_that_throws_loses_nothing() throws Exception {
        model.then(FakeAssistant.completed(), "kept ", ISSUE);
        ConverseService service = service();
        String conversation = service.open("alice");
        RecordingListener done = new RecordingListener();
        ConverseUseCase.TurnListener broken = new ConverseUseCase.TurnListener() {
            @Override
            public void delta(String text) {
                throw new IllegalStateException("connection closed");
            }

            @Override
            public void marker(MarkerReview marker) {
                throw new IllegalStateException("connection closed");
            }

            @Override
            public void done(TurnResult result) {
                done.done(result);
            }
        };

        service.send(new SendMessageCommand("alice", conversation, "hi"), broken);

        assertThat(done.awaitDone().status()).isEqualTo(TurnStatus.COMPLETED);
        assertThat(chat(conversation).get(1).content()).isEqualTo("kept " + ISSUE);
        assertThat(history.records(ProposalLine.class)).hasSize(1);
    }

    @Test
    void a_user_line_that_cannot_be_recorded_starts_no_turn_and_frees_the_slot() {
        ConverseService service = service(limits(1000, Duration.ofMinutes(1), 1, 1));
        String conversation = service.open("alice");
        history.failAppends(true);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> service.send(new SendMessageCommand("alice", conversation, "hi"), new RecordingListener()))
                .isInstanceOf(HistoryException.class);

        history.failAppends(false);
        assertThat(model.requests()).isEmpty();
        assertThat(service.send(new SendMessageCommand("alice", conversation, "hi"), new RecordingListener()))
                .isInstanceOf(TurnStart.Started.class);
    }

    @Test
    void a_message_sent_the_moment_a_turn_ends_is_not_busy() throws Exception {
        ConverseService service = service(limits(1000, Duration.ofMinutes(1), 1, 1));
        String conversation = service.open("alice");
        RecordingListener next = new RecordingListener();
        AtomicReference<TurnStart> second = new AtomicReference<>();
        RecordingListener first = new RecordingListener() {
            @Override
            public void done(TurnResult result) {
                second.set(service.send(new SendMessageCommand("alice", conversation, "and then?"), next));
                super.done(result);
            }
        };

        service.send(new SendMessageCommand("alice", conversation, "hi"), first);
        first.awaitDone();

        assertThat(second.get()).isInstanceOf(TurnStart.Started.class);
        next.awaitDone();
    }
}
