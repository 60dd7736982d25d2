package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.adapter.history.Durability;
import dev.chatactions.adapter.history.HistoryFile;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.adapter.history.Verification;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.UpstreamResponse;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import dev.chatactions.core.service.Proposal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the database history adds to the contract: instances, the file format, export and import, a lost database. */
class PostgresHistoryTest {

    private static final Instant TS = Instant.parse("2026-11-23T20:00:00.123456Z");
    private static final String USER = "alice";
    private static final String CONVERSATION = "0123456789ab";
    /** Appends that wait while the head is locked. */
    private static final int WAITING = 15;

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @TempDir
    Path dir;

    @Test
    void two_instances_appending_to_one_conversation_at_once_leave_one_unbroken_chain() throws Exception {
        int threadsPerInstance = 8;
        int perThread = 40;
        try (PostgresStore first = database.openStore(); PostgresStore second = database.openStore()) {
            ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerInstance);
            try {
                List<Future<?>> appends = new ArrayList<>();
                for (int t = 0; t < 2 * threadsPerInstance; t++) {
                    PostgresHistory history = (t % 2 == 0 ? first : second).history();
                    String prefix = "t" + t + "-";
                    appends.add(threads.submit((Callable<Void>) () -> {
                        for (int i = 0; i < perThread; i++) {
                            history.append(i % 5 == 0 ? chat("between " + prefix + i) : started(prefix + i));
                        }
                        return null;
                    }));
                }
                for (Future<?> append : appends) {
                    append.get();
                }
            } finally {
                threads.shutdownNow();
            }

            Verification verification = first.history().verify(USER, CONVERSATION);
            assertThat(verification.intact()).as(verification.toString()).isTrue();
            assertThat(verification).isEqualTo(new Verification.Intact(2L * threadsPerInstance * perThread));
            try (Stream<HistoryRecord> records = second.history().conversation(USER, CONVERSATION)) {
                assertThat(records.filter(ActionLine.class::isInstance)).hasSize(2 * threadsPerInstance * perThread * 4 / 5);
            }
        }
    }

    @Test
    void the_database_holds_the_very_lines_the_file_adapter_writes() throws IOException {
        NdjsonHistory files = new NdjsonHistory(dir, Durability.NONE);
        try (PostgresStore store = database.openStore()) {
            for (HistoryRecord record : everyKind()) {
                files.append(record);
                store.history().append(record);
            }
            for (String conversation : new String[] {CONVERSATION, null}) {
                assertThat(exported(store.history(), conversation))
                        .isEqualTo(Files.readAllBytes(files.file(USER, conversation)));
                assertThat(store.history().verify(USER, conversation).intact()).isTrue();
            }
            try (Stream<HistoryRecord> fromDatabase = store.history().user(USER); Stream<HistoryRecord> fromFiles = files.user(USER)) {
                assertThat(fromDatabase.toList()).isEqualTo(fromFiles.toList());
            }
        }
    }

    @Test
    void a_file_imported_and_exported_again_is_the_same_bytes_and_verifies_on_both_sides() throws IOException {
        NdjsonHistory files = new NdjsonHistory(dir.resolve("history"), Durability.NONE);
        everyKind().forEach(files::append);
        // Another program's chat line, unchained, between chained ones: covered by the next prev.
        Files.writeString(files.file(USER, CONVERSATION), "{\"ts\":\"2026-11-23T20:00:01Z\",\"role\":\"user\",\"content\":\"hi\"}\n",
                StandardOpenOption.APPEND);
        files.append(proposal("p-after"));
        Path file = files.file(USER, CONVERSATION);
        assertThat(HistoryFile.verify(file).intact()).isTrue();

        try (PostgresStore store = database.openStore()) {
            long lines = store.history().importFiles(List.of(file, files.file(USER, null)));

            assertThat(lines).isEqualTo(Files.readAllLines(file).size() + Files.readAllLines(files.file(USER, null)).size());
            assertThat(exported(store.history(), CONVERSATION)).isEqualTo(Files.readAllBytes(file));
            assertThat(store.history().verify(USER, CONVERSATION).intact()).isTrue();
            // The ledger and the proposals know what the files tell, as a server on the files would.
            PostgresKeyLedger ledger = store.keyLedger(PostgresKeyLedger.DEFAULT_LEASE);
            assertThat(ledger.find(new LedgerKey(USER, "k-1"))).get().isInstanceOfSatisfying(KeyState.Settled.class,
                    settled -> assertThat(settled.outcome()).isInstanceOf(ActionOutcome.Done.class));
            assertThat(ledger.find(new LedgerKey(USER, "k-2"))).get().isInstanceOfSatisfying(KeyState.Settled.class,
                    settled -> assertThat(settled.outcome()).isInstanceOf(ActionOutcome.Failed.class));
            assertThat(ledger.find(new LedgerKey(USER, "k-3"))).as("a denial claims nothing").isEmpty();
            assertThat(store.proposals().find(USER, "p-after")).get().extracting(Proposal::conversation).isEqualTo(CONVERSATION);
            // The imported chain goes on where the file's ended.
            store.history().append(started("after-import"));
            files.append(started("after-import"));
            assertThat(exported(store.history(), CONVERSATION)).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void a_broken_chain_is_refused_with_its_line_named_and_nothing_is_imported() throws IOException {
        NdjsonHistory files = new NdjsonHistory(dir.resolve("history"), Durability.NONE);
        everyKind().forEach(files::append);
        Path intact = files.file(USER, null);
        Path edited = files.file(USER, CONVERSATION);
        List<String> lines = new ArrayList<>(Files.readAllLines(edited));
        lines.set(1, lines.get(1).replace("Flaky", "Fine"));
        Files.write(edited, lines);

        try (PostgresStore store = database.openStore()) {
            assertThatThrownBy(() -> store.history().importFiles(List.of(intact, edited)))
                    .isInstanceOf(ImportRefusedException.class)
                    .hasMessageContaining(edited.toString())
                    .hasMessageContaining("line 2: edited");
            try (Stream<HistoryRecord> all = store.history().all()) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void a_conversation_already_in_the_database_is_not_imported_over() throws IOException {
        NdjsonHistory files = new NdjsonHistory(dir.resolve("history"), Durability.NONE);
        files.append(proposal("p-1"));
        try (PostgresStore store = database.openStore()) {
            store.history().importFiles(List.of(files.file(USER, CONVERSATION)));

            assertThatThrownBy(() -> store.history().importFiles(List.of(files.file(USER, CONVERSATION))))
                    .isInstanceOf(ImportRefusedException.class).hasMessageContaining("already holds 1 line");
            assertThatThrownBy(() -> store.history().importFiles(List.of(dir.resolve("elsewhere.ndjson"))))
                    .isInstanceOf(ImportRefusedException.class).hasMessageContaining("is not in a history directory");
        }
    }

    @Test
    void an_edit_in_the_database_is_found_by_verify() {
        try (PostgresStore store = database.openStore()) {
            everyKind().forEach(store.history()::append);
            database.sql("UPDATE history_line SET line = convert_to(replace(convert_from(line, 'UTF8'), 'Flaky', 'Fine'), 'UTF8')"
                    + " WHERE line_no = 2");
            assertThat(store.history().verify(USER, CONVERSATION).toString()).startsWith("line 2: edited");

            database.empty();
            everyKind().forEach(store.history()::append);
            database.sql("DELETE FROM history_line WHERE line_no = (SELECT max(line_no) FROM history_line)");
            assertThat(store.history().verify(USER, CONVERSATION).toString()).contains("cut off the end");
        }
    }

    @Test
    void a_lost_database_fails_appends_and_reads_at_once_without_credentials_and_they_work_again_when_it_is_back() {
        try (PostgresStore store = database.openStore()) {
            PostgresHistory history = store.history();
            history.append(chat("before"));
            database.server().stop();
            try {
                long started = System.nanoTime();
                assertThatThrownBy(() -> history.append(chat("lost")))
                        .isInstanceOf(HistoryException.class)
                        .hasMessageStartingWith("history not written (PostgreSQL)")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PostgresServer.PASSWORD, "jdbc:"));
                assertThatThrownBy(() -> history.conversation(USER, CONVERSATION).close())
                        .isInstanceOf(HistoryException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the store's timeouts")
                        .isLessThan(Duration.ofSeconds(20));
            } finally {
                database.server().start();
            }
            history.append(chat("after"));
            try (Stream<HistoryRecord> records = history.conversation(USER, CONVERSATION)) {
                assertThat(records.map(r -> ((ChatLine) r).content())).containsExactly("before", "after");
            }
        }
    }

    @Test
    void appends_waiting_for_the_head_join_one_transaction_and_each_returns_once_its_line_is_committed() throws Exception {
        PostgresHistory history = database.store().history();
        history.append(started("first")); // the head row exists
        long batchesBefore = appendSequence();

        List<CompletableFuture<Boolean>> appends = whileTheHeadIsLocked(history, "leader",
                IntStream.rangeClosed(1, WAITING).mapToObj(i -> "waiting-" + i).toList());

        for (CompletableFuture<Boolean> append : appends) {
            assertThat(append.get(30, TimeUnit.SECONDS)).as("committed when append returned").isTrue();
        }
        assertThat(appendSequence() - batchesBefore).as("the leader's transaction, then one for all that waited").isEqualTo(2);
        assertThat(history.verify(USER, CONVERSATION)).isEqualTo(new Verification.Intact(WAITING + 2));
        // Read back by another store, which keeps no tail of its own: the same chain goes on.
        try (PostgresStore other = database.openStore()) {
            other.history().append(started("elsewhere"));
        }
        history.append(started("last"));
        assertThat(history.verify(USER, CONVERSATION)).isEqualTo(new Verification.Intact(WAITING + 4));
    }

    @Test
    void a_batch_that_fails_writes_none_of_its_lines_fails_each_append_in_it_and_the_chain_goes_on() throws Exception {
        PostgresHistory history = database.store().history();
        history.append(started("first"));
        database.sql("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'poisoned line'; END $$;"
                + " CREATE TRIGGER refuse_poison BEFORE INSERT ON history_line FOR EACH ROW"
                + " WHEN (position('poison' in convert_from(NEW.line, 'UTF8')) > 0) EXECUTE FUNCTION refuse_poison()");
        try {
            List<String> keys = new ArrayList<>(IntStream.rangeClosed(1, WAITING - 1).mapToObj(i -> "waiting-" + i).toList());
            keys.add(WAITING / 2, "poison");
            List<CompletableFuture<Boolean>> appends = whileTheHeadIsLocked(history, "leader", keys);

            assertThat(appends.get(0).get(30, TimeUnit.SECONDS)).as("the leader's own batch").isTrue();
            for (CompletableFuture<Boolean> append : appends.subList(1, appends.size())) {
                assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(HistoryException.class)
                        .hasMessageContaining("history not written (PostgreSQL)");
            }
        } finally {
            database.sql("DROP TRIGGER refuse_poison ON history_line; DROP FUNCTION refuse_poison()");
        }
        assertThat(history.verify(USER, CONVERSATION)).isEqualTo(new Verification.Intact(2));
        history.append(started("after"));
        try (Stream<HistoryRecord> records = history.conversation(USER, CONVERSATION)) {
            assertThat(records.map(record -> ((ActionLine) record).key())).containsExactly("first", "leader", "after");
        }
        assertThat(history.verify(USER, CONVERSATION)).isEqualTo(new Verification.Intact(3));
    }

    /**
     * Appends {@code leader} while another session holds the conversation's head row, then {@code
     * waiting}, each on a thread of its own, and lets the head go once they all wait. Each answer is
     * whether its line was committed (seen by another connection) when its append returned.
     */
    private static List<CompletableFuture<Boolean>> whileTheHeadIsLocked(PostgresHistory history, String leader,
            List<String> waiting) throws Exception {
        List<CompletableFuture<Boolean>> appends = new ArrayList<>();
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT id FROM history_file FOR UPDATE");
            appends.add(appendOnThread(history, leader, new ArrayList<>()));
            awaitLockWaiter(holder);
            List<Thread> threads = new ArrayList<>();
            for (String key : waiting) {
                appends.add(appendOnThread(history, key, threads));
            }
            GroupCommitTest.awaitParked(threads);
            holder.rollback();
        }
        return appends;
    }

    private static CompletableFuture<Boolean> appendOnThread(PostgresHistory history, String key, List<Thread> threads) {
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                history.append(started(key));
                committed.complete(linesHolding("\"key\":\"" + key + "\"") == 1);
            } catch (RuntimeException | SQLException e) {
                committed.completeExceptionally(e);
            }
        });
        threads.add(thread);
        thread.start();
        return committed;
    }

    private static void awaitLockWaiter(Connection connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (ResultSet row = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
                row.next();
                if (row.getLong(1) > 0) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("an append waits for the head").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static long linesHolding(String text) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM history_line WHERE position(convert_to(?, 'UTF8') in line) > 0")) {
            count.setString(1, text);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** How many appends' transactions have written (each takes one number for its head's "appended"). */
    private static long appendSequence() throws SQLException {
        try (Connection connection = connect();
                ResultSet row = connection.createStatement().executeQuery("SELECT last_value FROM history_append")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.server().url(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static byte[] exported(PostgresHistory history, String conversation) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        history.export(USER, conversation, out);
        return out.toByteArray();
    }

    private static List<HistoryRecord> everyKind() {
        UpstreamResponse response = new UpstreamResponse(201, Payload.of(Map.of("number", 7, "html_url", "https://forge/x/7")));
        ActionResult result = new ActionResult("issue", 1234, 7, "https://forge/x/7", "open", response);
        Failure failure = new Failure(Failure.Kind.UNKNOWN_LABELS, 422, false, "labels \"nope\" do not exist",
                List.of("nope"), null, new UpstreamResponse(422, Payload.of(Map.of("message", "bad"))));
        return List.of(
                chat("Hello, wörld \uD83D\uDE00"),
                proposal("p-1"),
                started("k-1"),
                new ActionLine(TS, USER, CONVERSATION, "issue-create", "k-1", "p-1", Payload.of(Map.of("title", "Flaky test")),
                        ActionStatus.DONE, List.of(), result, null, null),
                new ChatLine(TS, USER, CONVERSATION, "assistant", "a turn", new ChatLine.Turn("turn-1", "session", null)),
                new ActionLine(TS, USER, null, "issue-create", "k-2", null, Payload.of(Map.of("title", "x")),
                        ActionStatus.FAILED, List.of(), null, failure, null),
                new ActionLine(TS, USER, null, "repo-delete", "k-3", null, Payload.of(Map.of("force", true)),
                        ActionStatus.DENIED, List.of("not an additive action"), null, null, null));
    }

    private static ChatLine chat(String content) {
        return new ChatLine(TS, USER, CONVERSATION, "user", content);
    }

    private static ProposalLine proposal(String id) {
        Payload payload = Payload.of(Map.of("title", "Flaky test", "labels", List.of("bug"), "weight", new BigDecimal("1.50")));
        return new ProposalLine(TS, USER, CONVERSATION, id, "issue-create", payload, PayloadJson.digest(payload));
    }

    private static ActionLine started(String key) {
        return new ActionLine(TS, USER, CONVERSATION, "issue-create", key, null, Payload.of(Map.of("title", "Flaky test")),
                ActionStatus.STARTED, List.of(), null, null, null);
    }
}
