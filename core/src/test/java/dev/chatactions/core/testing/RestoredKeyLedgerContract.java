package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a {@link KeyLedger} that rebuilds its state from the history promises, line by line in history
 * order: a key's state is its latest line's, started when its run started; a started line with no end
 * is unknown; denials and keys outside the key rule claim nothing. A ledger whose store is itself the
 * truth does not implement it. Implement it next to {@link KeyLedgerContract}.
 */
public interface RestoredKeyLedgerContract {

    /** The ledger under test, empty at the start of each test. */
    KeyLedger ledger();

    Instant STARTED_AT = Instant.parse("2026-11-23T20:00:00Z");
    Instant ENDED_AT = STARTED_AT.plusSeconds(3);
    Payload REQUEST = Payload.of(Map.of("title", "x"));

    private static ActionLine line(String key, Instant ts, ActionStatus status, ActionResult result, Failure failure) {
        return new ActionLine(ts, "alice", "0123456789ab", "issue-create", key, null, REQUEST, status,
                status == ActionStatus.DENIED ? List.of("denied") : List.of(), result, failure, null);
    }

    private static KeyState.Settled settled(ActionOutcome outcome) {
        return new KeyState.Settled(PayloadJson.digest(REQUEST), STARTED_AT, outcome);
    }

    @Test
    default void a_done_line_settles_its_key_from_when_it_started() {
        ActionResult created = new ActionResult("issue", 1001, 1, "http://forge.test/factory/app/issue/1", "open",
                new UpstreamResponse(201, Payload.of(Map.of("number", 1))));
        ledger().remember(line("key-1", STARTED_AT, ActionStatus.STARTED, null, null));
        ledger().remember(line("key-1", ENDED_AT, ActionStatus.DONE, created, null));

        assertThat(ledger().find(new LedgerKey("alice", "key-1")))
                .contains(settled(new ActionOutcome.Done("key-1", created)));
    }

    @Test
    default void failed_and_unknown_lines_settle_with_their_failure() {
        Failure down = Failure.of(Failure.Kind.UNAVAILABLE, 503, true, "forge down");
        Failure lost = Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "timed out after sending");
        ledger().remember(line("key-f", STARTED_AT, ActionStatus.STARTED, null, null));
        ledger().remember(line("key-f", ENDED_AT, ActionStatus.FAILED, null, down));
        ledger().remember(line("key-u", STARTED_AT, ActionStatus.STARTED, null, null));
        ledger().remember(line("key-u", ENDED_AT, ActionStatus.UNKNOWN, null, lost));

        assertThat(ledger().find(new LedgerKey("alice", "key-f"))).contains(settled(new ActionOutcome.Failed("key-f", down)));
        assertThat(ledger().find(new LedgerKey("alice", "key-u"))).contains(settled(new ActionOutcome.Unknown("key-u", lost)));
    }

    @Test
    default void a_started_line_with_no_end_is_an_unknown_outcome() {
        ledger().remember(line("key-s", STARTED_AT, ActionStatus.STARTED, null, null));

        assertThat(ledger().find(new LedgerKey("alice", "key-s"))).contains(settled(new ActionOutcome.Unknown("key-s",
                Failure.of(Failure.Kind.ANSWER_LOST, 0, false, "started at " + STARTED_AT + " but no outcome was recorded"))));
    }

    @Test
    default void denials_and_keys_outside_the_rule_claim_nothing() {
        ledger().remember(line("key-d", STARTED_AT, ActionStatus.DENIED, null, null));
        ledger().remember(line("a--b", STARTED_AT, ActionStatus.STARTED, null, null));

        assertThat(ledger().find(new LedgerKey("alice", "key-d"))).isEmpty();
        assertThat(ledger().claim(new LedgerKey("alice", "key-d"), new KeyState.Running("d".repeat(64), ENDED_AT))).isEmpty();
    }
}
