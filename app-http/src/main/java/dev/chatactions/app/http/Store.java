package dev.chatactions.app.http;

import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.service.InMemoryKeyLedger;
import dev.chatactions.core.service.InMemoryProposals;
import dev.chatactions.core.service.KeyLedger;
import dev.chatactions.core.service.ProposalRegistry;
import dev.chatactions.core.service.LedgerRetention;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the server keeps what it must not lose: the history, the key ledger and the proposals.
 * Either the history (NDJSON files) with the ledger and proposals in memory, rebuilt from it at
 * start-up, or all three in PostgreSQL, shared by every instance on the database.
 *
 * @param restore true when the ledger and proposals are rebuilt from the history at start-up
 * @param resources what closing the store closes
 */
record Store(HistoryPort history, KeyLedger ledger, ProposalRegistry proposals, boolean restore, AutoCloseable resources)
        implements AutoCloseable {

    Store {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(proposals, "proposals");
        Objects.requireNonNull(resources, "resources");
    }

    /** The history alone; the ledger and proposals in this process's memory, all of them. */
    static Store of(HistoryPort history) {
        return new Store(history, new InMemoryKeyLedger(), new InMemoryProposals(), true, () -> { });
    }

    /** The history alone; in memory only what {@code retention} keeps of the ledger and proposals, the rest read back from it. */
    static Store of(HistoryPort history, Clock clock, LedgerRetention retention) {
        return new Store(history, new InMemoryKeyLedger(history, clock, retention), new InMemoryProposals(history, clock, retention),
                true, () -> { });
    }

    /**
     * Everything in the database, whose schema is brought up to date first; a running key outlives this
     * server by {@code keyLease}.
     */
    static Store of(PostgresStore database, Duration keyLease) {
        database.migrate();
        return new Store(database.history(), database.keyLedger(keyLease), database.proposals(),
                false, database);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
