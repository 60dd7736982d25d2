package dev.chatactions.adapter.postgres;

import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.service.InMemoryKeyLedger;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import dev.chatactions.core.service.Names;
import dev.chatactions.core.service.Proposal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What imported history lines tell the ledger and the proposals, rebuilt the way a server on the
 * files rebuilds them at start-up ({@link InMemoryKeyLedger#remember}), and written in the import's
 * transaction: a key or proposal the database already holds keeps its state.
 */
final class ImportedState {

    private final InMemoryKeyLedger ledger = new InMemoryKeyLedger();
    private final Set<LedgerKey> keys = new LinkedHashSet<>();
    private final List<Proposal> proposals = new ArrayList<>();

    /** Takes in one imported record, in history order. */
    void take(HistoryRecord record) {
        if (record instanceof ActionLine line) {
            ledger.remember(line);
            if (Names.isUser(line.user()) && Names.isKey(line.key())) {
                keys.add(new LedgerKey(line.user(), line.key()));
            }
        } else if (record instanceof ProposalLine line && Names.isUser(line.user())) {
            proposals.add(new Proposal(line.id(), line.user(), line.conversation(), line.type(), line.payload(),
                    line.digest(), line.ts()));
        }
    }

    void write(Connection connection) throws SQLException {
        for (LedgerKey key : keys) {
            // Restored keys are settled (a start without an end is unknown); denials claim nothing.
            if (ledger.find(key).orElse(null) instanceof KeyState.Settled settled) {
                PostgresKeyLedger.writeSettled(connection, key, settled, false);
            }
        }
        for (Proposal proposal : proposals) {
            PostgresProposals.insert(connection, proposal);
        }
    }
}
