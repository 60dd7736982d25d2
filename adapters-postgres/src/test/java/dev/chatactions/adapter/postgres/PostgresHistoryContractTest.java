package dev.chatactions.adapter.postgres;

import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.testing.HistoryPortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL history keeps the history contract. */
class PostgresHistoryContractTest extends HistoryPortContract {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @AfterEach
    void dropTheFault() {
        database.sql("ALTER TABLE history_line DROP CONSTRAINT IF EXISTS appends_fail");
    }

    @Override
    protected HistoryPort history() {
        return database.store().history();
    }

    @Override
    protected void aMomentPasses() {
        // appends are ordered by a sequence, not a clock
    }

    /** Every new line breaks a constraint, as a full disk or a revoked grant would refuse it. */
    @Override
    protected void appendsFail() {
        database.sql("ALTER TABLE history_line ADD CONSTRAINT appends_fail CHECK (false) NOT VALID");
    }

    @Override
    protected void appendsWork() {
        database.sql("ALTER TABLE history_line DROP CONSTRAINT appends_fail");
    }

    @Override
    protected void spoilWithAnUnreadableLine(String user, String conversation) {
        database.sql("WITH head AS (UPDATE history_file SET lines = lines + 1 WHERE user_name = '" + user
                + "' AND conversation = '" + conversation + "' RETURNING id, lines)"
                + " INSERT INTO history_line (file_id, line_no, line) SELECT id, lines, convert_to('{\"ts\":\"torn', 'UTF8') FROM head");
    }
}
