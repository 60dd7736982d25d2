package dev.chatactions.adapter.postgres;

import dev.chatactions.adapter.history.HistoryLines;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.LedgerKey;
import dev.chatactions.core.service.Proposal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Outcomes and proposals kept as lines in the history's own format, so that the ledger and the
 * proposals need no second encoding of results, failures and payloads.
 */
final class StoredRecords {

    /** The type an outcome's line carries: the ledger keeps outcomes, not what was asked. */
    private static final String OUTCOME_TYPE = "outcome";

    private StoredRecords() {}

    /**
     * A settled outcome as a line.
     *
     * @throws IllegalArgumentException for an outcome no run settles with (already done, in progress, not recorded)
     */
    static String outcome(LedgerKey key, Instant startedAt, ActionOutcome outcome) {
        ActionLine line;
        if (outcome instanceof ActionOutcome.Done done) {
            line = line(key, startedAt, ActionStatus.DONE, List.of(), done);
        } else if (outcome instanceof ActionOutcome.Failed failed) {
            line = line(key, startedAt, ActionStatus.FAILED, List.of(), failed);
        } else if (outcome instanceof ActionOutcome.Unknown unknown) {
            line = line(key, startedAt, ActionStatus.UNKNOWN, List.of(), unknown);
        } else if (outcome instanceof ActionOutcome.Denied denied) {
            line = line(key, startedAt, ActionStatus.DENIED, denied.reasons(), denied);
        } else {
            throw new IllegalArgumentException("a key settles with done, failed, unknown or denied, not "
                    + outcome.getClass().getSimpleName());
        }
        return text(line);
    }

    private static ActionLine line(LedgerKey key, Instant ts, ActionStatus status, List<String> reasons, ActionOutcome outcome) {
        return new ActionLine(ts, key.user(), null, OUTCOME_TYPE, outcome.key(), null, Payload.empty(), status, reasons,
                outcome instanceof ActionOutcome.Done done ? done.result() : null,
                outcome instanceof ActionOutcome.Failed failed ? failed.failure()
                        : outcome instanceof ActionOutcome.Unknown unknown ? unknown.failure() : null,
                null);
    }

    /** The outcome a stored line holds. */
    static ActionOutcome outcome(LedgerKey key, String stored) {
        ActionLine line = (ActionLine) read(key.user(), stored);
        return switch (line.status()) {
            case DONE -> new ActionOutcome.Done(line.key(), line.result());
            case FAILED -> new ActionOutcome.Failed(line.key(), line.failure());
            case UNKNOWN -> new ActionOutcome.Unknown(line.key(), line.failure());
            case DENIED -> new ActionOutcome.Denied(line.key(), line.reasons());
            case STARTED -> throw new IllegalStateException("a stored outcome is never a start");
        };
    }

    static String proposal(Proposal proposal) {
        return text(new ProposalLine(proposal.proposedAt(), proposal.user(), proposal.conversation(), proposal.id(),
                proposal.type(), proposal.payload(), proposal.digest()));
    }

    static Proposal proposal(String user, String stored) {
        ProposalLine line = (ProposalLine) read(user, stored);
        return new Proposal(line.id(), line.user(), line.conversation(), line.type(), line.payload(), line.digest(), line.ts());
    }

    private static String text(HistoryRecord record) {
        return new String(HistoryLines.encode(record), StandardCharsets.UTF_8);
    }

    private static HistoryRecord read(String user, String stored) {
        HistoryRecord record = HistoryLines.read(stored.getBytes(StandardCharsets.UTF_8), 1, "stored record", user, null)
                .orElseThrow(() -> new IllegalStateException("a stored record is not a record"));
        if (record instanceof HistoryRecord.UnreadableLine unreadable) {
            throw new IllegalStateException("a stored record cannot be read: " + unreadable.problem());
        }
        return record;
    }
}
