package dev.chatactions.app.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.history.Durability;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.adapter.postgres.PostgresKeyLedger;
import dev.chatactions.adapter.postgres.PostgresServer;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.adapter.postgres.TestDatabase;
import dev.chatactions.app.cli.CliFixture;
import dev.chatactions.app.cli.CliHarness;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.service.KeyState;
import dev.chatactions.core.service.LedgerKey;
import dev.chatactions.core.testing.TokenLeakGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The history commands against the PostgreSQL store: migrate, import, export, verify, show, replay. */
class HistoryDatabaseCommandsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");
    private static final String CONVERSATION = "0123456789ab";

    @RegisterExtension
    static final TokenLeakGuard LEAKS = new TokenLeakGuard(CliFixture.TOKEN, PostgresServer.PASSWORD);

    @RegisterExtension
    static final TestDatabase database = TestDatabase.unmigrated();

    @TempDir
    Path dir;

    private Path files;

    @BeforeEach
    void migrateAndEmpty() {
        CliHarness.Result migrated = cli().run("db", "migrate");
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        assertThat(migrated.out()).matches("(applied \\d+ migration\\(s\\): schema at version \\d+|schema is up to date \\(version \\d+\\))\\R");
        database.empty();
        files = dir.resolve("chat-history");
        NdjsonHistory history = new NdjsonHistory(files, Durability.NONE);
        for (int i = 1; i <= 3; i++) {
            history.append(CliFixture.attempt(T0.plusSeconds(i), "k-" + i, "Issue " + i,
                    i == 2 ? ActionStatus.FAILED : ActionStatus.DONE));
        }
        Payload payload = Payload.of(Map.of("title", "Flaky test"));
        history.append(new ChatLine(T0, CliFixture.USER, CONVERSATION, "user", "we have a flaky test"));
        history.append(new ProposalLine(T0, CliFixture.USER, CONVERSATION, "p-1", "issue-create", payload,
                PayloadJson.digest(payload)));
        history.append(new ChatLine(T0, "bob", CONVERSATION, "user", "hello"));
    }

    private static CliHarness cli() {
        return new CliHarness().observe(LEAKS::record)
                .env("CHAT_DATABASE_URL", database.server().url())
                .env("CHAT_DATABASE_USER", PostgresServer.USER)
                .env("CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD);
    }

    @Test
    void files_imported_and_exported_again_are_the_same_bytes_and_verify_on_both_sides() throws IOException {
        CliHarness.Result imported = cli().run("history", "import", files.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported 3 file(s), 6 lines\n");

        Path exported = dir.resolve("exported");
        CliHarness.Result export = cli().run("history", "export", "alice", "bob/" + CONVERSATION, "--to", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        List<Path> originals = historyFiles(files);
        assertThat(originals).hasSize(3);
        assertThat(historyFiles(exported)).hasSize(3);
        for (Path original : originals) {
            Path copy = exported.resolve(files.relativize(original));
            assertThat(copy).hasSameBinaryContentAs(original);
        }
        CliHarness.Result filesVerified = new CliHarness().run(Stream.concat(Stream.of("history", "verify"),
                historyFiles(exported).stream().map(Path::toString)).toArray(String[]::new));
        assertThat(filesVerified.exitCode()).as(filesVerified.err()).isZero();

        CliHarness.Result databaseVerified = cli().run("history", "verify", "alice/actions", "alice/" + CONVERSATION,
                files.resolve("bob/" + CONVERSATION + ".ndjson").toString());
        assertThat(databaseVerified.exitCode()).as(databaseVerified.err()).isZero();
        assertThat(databaseVerified.out()).isEqualTo("""
                alice/actions (PostgreSQL): intact (3 lines)
                alice/0123456789ab (PostgreSQL): intact (2 lines)
                bob/0123456789ab (PostgreSQL): intact (1 lines)
                """);

        CliHarness.Result again = cli().run("history", "export", "alice", "--to", exported.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists: nothing was written to it");
    }

    @Test
    void a_broken_file_is_refused_with_its_line_named_and_nothing_is_imported() throws IOException {
        Path actions = files.resolve("alice/actions.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(actions));
        lines.set(0, lines.get(0).replace("Issue 1", "Issue 9"));
        Files.write(actions, lines);

        CliHarness.Result imported = cli().run("history", "import", files.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).hasLineCount(1).contains(actions.toString(), "line 1: edited", "nothing was imported");
        CliHarness.Result shown = cli().run("history", "show", "alice/actions");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out().lines()).hasSize(1); // the heading only
    }

    @Test
    void show_and_replay_read_a_conversation_in_the_database() {
        assertThat(cli().run("history", "import", files.toString()).exitCode()).isZero();

        CliHarness.Result shown = cli().run("history", "show", "alice/actions", "--status", "failed");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out().lines()).hasSize(2);
        assertThat(shown.out()).contains("k-2", "Forgejo answered 503");

        CliHarness.Result plan = cli().run("replay", "alice/actions");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("1 to run again, 2 to skip; nothing was sent");
    }

    @Test
    void replay_execute_sees_a_key_a_server_is_running_in_the_shared_ledger_and_sends_nothing() throws IOException {
        assertThat(cli().run("history", "import", files.toString()).exitCode()).isZero();
        LedgerKey failed = new LedgerKey(CliFixture.USER, "k-2");
        try (PostgresStore server = database.openStore();
                ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // A server has taken the failed key again and is running it now (its lease renewed while it lives).
            PostgresKeyLedger ledger = server.keyLedger(Duration.ofSeconds(30));
            KeyState.Settled before = (KeyState.Settled) ledger.find(failed).orElseThrow();
            assertThat(ledger.reclaim(failed, before, new KeyState.Running(before.requestDigest(), Instant.now()))).isTrue();
            String forge = "http://127.0.0.1:" + closed.getLocalPort();

            CliHarness.Result replayed = cli().env("FORGE_URL", forge).env("FORGE_TOKEN", CliFixture.TOKEN)
                    .env("FORGE_OWNER", "factory").env("FORGE_REPO", "app").run("replay", "alice/actions", "--execute");

            assertThat(replayed.out()).as(replayed.err()).contains("key k-2 is running elsewhere right now; nothing sent");
            assertThat(ledger.find(failed)).containsInstanceOf(KeyState.Running.class);
            try (Stream<HistoryRecord> records = server.history().user(CliFixture.USER)) {
                assertThat(records.filter(ActionLine.class::isInstance).map(ActionLine.class::cast)
                        .filter(line -> line.key().equals("k-2"))).hasSize(1);
            }
        }
    }

    @Test
    void a_database_that_cannot_be_reached_is_one_line_without_the_password() {
        CliHarness.Result result = new CliHarness().observe(LEAKS::record)
                .env("CHAT_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/chat")
                .env("CHAT_DATABASE_USER", PostgresServer.USER)
                .env("CHAT_DATABASE_PASSWORD", PostgresServer.PASSWORD)
                .run("history", "verify", "alice/actions");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).hasLineCount(1).contains("PostgreSQL").doesNotContain(PostgresServer.PASSWORD, "jdbc:");
    }

    @Test
    void export_and_import_need_the_database() {
        CliHarness.Result result = new CliHarness().run("history", "import", files.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("history import needs the database: set CHAT_DATABASE_URL");
    }

    private static List<Path> historyFiles(Path root) throws IOException {
        try (Stream<Path> found = Files.find(root, 2, (file, attributes) -> file.toString().endsWith(".ndjson"))) {
            return found.sorted().toList();
        }
    }
}
