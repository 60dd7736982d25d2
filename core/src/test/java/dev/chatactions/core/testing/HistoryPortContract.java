package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryPort} promises and what the use cases rely on: names are checked before
 * anything is read or written, conversations come newest first, streams are closed by their reader,
 * a line that cannot be read is reported and reading goes on, and a failed append leaves nothing.
 * Extend it with a fresh, empty history per test and the ways to break and spoil it.
 */
public abstract class HistoryPortContract {

    protected static final String USER = "alice";
    protected static final String OLDER = "0000000000aa";
    protected static final String NEWER = "0000000000bb";

    private static final Instant TS = Instant.parse("2026-11-23T20:00:00Z");

    /** The history under test; the same instance for the whole test, empty at its start. */
    protected abstract HistoryPort history();

    /** Time passes far enough for the history to tell which of two appends came later. */
    protected abstract void aMomentPasses();

    /** From now on appends fail, as on a full or vanished disk, until {@link #appendsWork()}. */
    protected abstract void appendsFail();

    protected abstract void appendsWork();

    /** The stored conversation gets a line that cannot be read, after what it holds. */
    protected abstract void spoilWithAnUnreadableLine(String user, String conversation);

    protected static ChatLine chat(String user, String conversation, String content) {
        return new ChatLine(TS, user, conversation, "user", content);
    }

    private static <T> List<T> read(Supplier<Stream<T>> stream) {
        try (Stream<T> records = stream.get()) {
            return records.toList();
        }
    }

    @Test
    void a_conversation_reads_back_in_the_order_it_was_written() {
        List<ChatLine> lines = List.of(chat(USER, OLDER, "one"), chat(USER, OLDER, "two"), chat(USER, OLDER, "three"));
        lines.forEach(history()::append);

        assertThat(read(() -> history().conversation(USER, OLDER))).containsExactlyElementsOf(lines);
    }

    @Test
    void records_without_a_conversation_are_the_users_actions() {
        ChatLine loose = chat(USER, null, "outside any conversation");
        history().append(loose);
        history().append(chat(USER, OLDER, "inside"));

        assertThat(read(() -> history().conversation(USER, null))).containsExactly(loose);
        assertThat(read(() -> history().conversations(USER))).containsExactly(OLDER);
    }

    @Test
    void conversations_come_newest_first_by_their_last_append() {
        history().append(chat(USER, OLDER, "first"));
        aMomentPasses();
        history().append(chat(USER, NEWER, "second"));
        assertThat(read(() -> history().conversations(USER))).containsExactly(NEWER, OLDER);

        aMomentPasses();
        history().append(chat(USER, OLDER, "third"));
        assertThat(read(() -> history().conversations(USER))).containsExactly(OLDER, NEWER);
    }

    @Test
    void users_are_kept_apart_and_a_user_reads_file_by_file() {
        ChatLine a1 = chat(USER, NEWER, "a1");
        ChatLine b1 = chat(USER, OLDER, "b1");
        ChatLine loose = chat(USER, null, "loose");
        ChatLine a2 = chat(USER, NEWER, "a2");
        ChatLine bobs = chat("bob", OLDER, "bob's");
        List.of(a1, b1, loose, a2, bobs).forEach(history()::append);

        List<HistoryRecord> alices = read(() -> history().user(USER));
        assertThat(alices).containsExactlyInAnyOrder(a1, b1, loose, a2).doesNotContain(bobs);
        assertThat(alices.indexOf(a2)).as("one file's records stay together, in file order")
                .isEqualTo(alices.indexOf(a1) + 1);
        assertThat(read(() -> history().all())).containsExactlyInAnyOrder(a1, b1, loose, a2, bobs);
        assertThat(read(() -> history().conversation("bob", NEWER))).isEmpty();
    }

    @Test
    void keyed_reads_the_proposal_and_action_lines_of_one_users_key_in_order() {
        ProposalLine proposal = new ProposalLine(TS, USER, NEWER, "p-1", "issue-create", Payload.empty(), "d");
        ActionLine started = action(USER, NEWER, "p-1", ActionStatus.STARTED);
        ActionLine denied = action(USER, NEWER, "p-1", ActionStatus.DENIED);
        ActionLine keyed = action(USER, null, "k-2", ActionStatus.DENIED);
        ActionLine bobs = action("bob", NEWER, "p-1", ActionStatus.STARTED);
        List.of(proposal, chat(USER, NEWER, "p-1"), started, action(USER, OLDER, "p-3", ActionStatus.STARTED), keyed, denied, bobs)
                .forEach(history()::append);

        assertThat(read(() -> history().keyed(USER, "p-1"))).containsExactly(proposal, started, denied);
        assertThat(read(() -> history().keyed(USER, "k-2"))).containsExactly(keyed);
        assertThat(read(() -> history().keyed("bob", "k-2"))).isEmpty();
    }

    private static ActionLine action(String user, String conversation, String key, ActionStatus status) {
        return new ActionLine(TS, user, conversation, "issue-create", key, null, Payload.empty(), status, List.of(), null,
                null, null);
    }

    @Test
    void an_empty_history_reads_as_empty_streams() {
        assertThat(read(() -> history().conversations("nobody"))).isEmpty();
        assertThat(read(() -> history().conversation("nobody", OLDER))).isEmpty();
        assertThat(read(() -> history().user("nobody"))).isEmpty();
        assertThat(read(() -> history().all())).isEmpty();
    }

    @Test
    void names_that_could_leave_the_history_are_refused_on_every_call() {
        for (String user : List.of("..", ".", "a/b", "", "x".repeat(65))) {
            assertThatThrownBy(() -> history().append(chat(user, OLDER, "x"))).as(user)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> read(() -> history().conversation(user, OLDER))).as(user)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> read(() -> history().conversations(user))).as(user)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> read(() -> history().user(user))).as(user)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String conversation : List.of("../../etc/pa", "0123456789AB", "0123456789a", "actions")) {
            assertThatThrownBy(() -> history().append(chat(USER, conversation, "x"))).as(conversation)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> read(() -> history().conversation(USER, conversation))).as(conversation)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(read(() -> history().all())).isEmpty();
    }

    @Test
    void an_unreadable_line_cannot_be_appended() {
        assertThatThrownBy(() -> history().append(new HistoryRecord.UnreadableLine("x.ndjson:1", "not JSON")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(read(() -> history().all())).isEmpty();
    }

    @Test
    void an_unreadable_line_is_reported_in_its_place_and_reading_goes_on() {
        ChatLine before = chat(USER, OLDER, "before");
        history().append(before);
        spoilWithAnUnreadableLine(USER, OLDER);
        ChatLine after = chat(USER, OLDER, "after");
        history().append(after);

        List<HistoryRecord> records = read(() -> history().conversation(USER, OLDER));

        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isEqualTo(before);
        assertThat(records.get(1)).isInstanceOf(HistoryRecord.UnreadableLine.class);
        assertThat(records.get(2)).isEqualTo(after);
        assertThat(read(() -> history().user(USER))).hasSize(3);
    }

    @Test
    void a_failed_append_throws_and_leaves_the_records_before_it_whole() {
        ChatLine kept = chat(USER, OLDER, "kept");
        history().append(kept);
        appendsFail();

        assertThatThrownBy(() -> history().append(chat(USER, OLDER, "lost"))).isInstanceOf(HistoryException.class);
        appendsWork();

        assertThat(read(() -> history().conversation(USER, OLDER))).containsExactly(kept);
        history().append(chat(USER, OLDER, "again"));
        assertThat(read(() -> history().conversation(USER, OLDER))).hasSize(2);
    }

    @Test
    void a_stream_left_unread_can_be_closed_and_the_history_stays_usable() {
        history().append(chat(USER, OLDER, "one"));
        history().append(chat(USER, OLDER, "two"));

        for (int i = 0; i < 100; i++) {
            try (Stream<HistoryRecord> unread = history().conversation(USER, OLDER)) {
                assertThat(unread.findFirst()).isPresent();
            }
            history().user(USER).close();
            history().all().close();
        }
        history().append(chat(USER, OLDER, "three"));

        assertThat(read(() -> history().conversation(USER, OLDER))).hasSize(3);
    }
}
