package dev.chatactions.adapter.postgres;

import dev.chatactions.core.service.Names;
import dev.chatactions.core.service.Proposal;
import dev.chatactions.core.service.ProposalRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ProposalRegistry} in PostgreSQL: the first proposal with a user's id counts, on every instance. */
public final class PostgresProposals implements ProposalRegistry {

    private final DataSource pool;

    PostgresProposals(DataSource pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public Proposal register(Proposal proposal) {
        Objects.requireNonNull(proposal, "proposal");
        return Database.inTransaction(pool, "proposal not registered", connection -> {
            insert(connection, proposal);
            return find(connection, proposal.user(), proposal.id()).orElseThrow(() -> new SQLException("proposal vanished"));
        });
    }

    @Override
    public Optional<Proposal> find(String user, String id) {
        if (!Names.isUser(user)) {
            return Optional.empty();
        }
        return Database.inTransaction(pool, "proposal not read", connection -> find(connection, user, id));
    }

    /** Registers unless that user has one with its id already: one statement, whichever instance comes first. */
    static void insert(Connection connection, Proposal proposal) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO proposal (user_name, id, line) VALUES (?, ?, ?) ON CONFLICT (user_name, id) DO NOTHING")) {
            insert.setString(1, proposal.user());
            insert.setString(2, proposal.id());
            insert.setString(3, StoredRecords.proposal(proposal));
            insert.executeUpdate();
        }
    }

    private static Optional<Proposal> find(Connection connection, String user, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT line FROM proposal WHERE user_name = ? AND id = ?")) {
            select.setString(1, user);
            select.setString(2, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(StoredRecords.proposal(user, row.getString(1))) : Optional.empty();
            }
        }
    }
}
