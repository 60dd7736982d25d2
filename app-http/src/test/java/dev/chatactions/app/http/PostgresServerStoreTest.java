package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.adapter.history.Verification;
import dev.chatactions.adapter.postgres.PostgresKeyLedger;
import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.adapter.postgres.TestDatabase;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.service.Proposal;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.testing.FakeUpstream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server with its history, key ledger and proposals in a real PostgreSQL (CHAT_DATABASE_URL). */
class PostgresServerStoreTest {

    private static final String CONVERSATION = "0123456789ab";
    private static final Payload ISSUE = Payload.of(Map.of("title", "Flaky test"));

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static TestServer instance(FakeUpstream upstream) {
        return TestServer.withStore(upstream, Store.of(database.openStore(), PostgresKeyLedger.DEFAULT_LEASE));
    }

    private static HttpResponse<String> click(TestServer server, Session session, Proposal proposal) {
        return server.send(server.post(session, "/chat/action/issue-create?proposal=" + proposal.id() + "&digest="
                + proposal.digest(), "{\"title\":\"Flaky test\"}"));
    }

    @Test
    void a_click_while_the_database_is_lost_answers_503_sends_nothing_records_nothing_and_works_once_it_is_back()
            throws InterruptedException {
        FakeUpstream upstream = new FakeUpstream();
        try (TestServer server = instance(upstream)) {
            Session alice = server.signIn("alice");
            Proposal proposal = server.wiring.service.propose("alice", CONVERSATION, "issue-create", ISSUE);

            database.server().stop();
            HttpResponse<String> lost;
            try {
                lost = click(server, alice, proposal);
            } finally {
                database.server().start();
            }
            assertThat(lost.statusCode()).as(lost.body()).isEqualTo(503);
            assertThat(lost.body()).doesNotContain("jdbc:", "test-only-password");
            assertThat(upstream.calls()).isEmpty();

            // The pool reconnects by itself; until it has, clicks are still refused (and send nothing).
            HttpResponse<String> back = click(server, alice, proposal);
            for (int tries = 0; back.statusCode() == 503 && tries < 30; tries++) {
                assertThat(upstream.calls()).isEmpty();
                Thread.sleep(500);
                back = click(server, alice, proposal);
            }
            HttpResponse<String> again = click(server, alice, proposal);

            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(upstream.calls()).hasSize(1);
            try (PostgresStore reader = database.openStore()) {
                assertThat(actionLines(reader)).extracting(line -> line.status().wireName()).containsExactly("started", "done");
                Verification verification = reader.history().verify("alice", CONVERSATION);
                assertThat(verification.intact()).as(verification.toString()).isTrue();
            }
        }
    }

    @Test
    void two_instances_on_one_database_send_200_concurrent_clicks_on_one_proposal_upstream_exactly_once() throws Exception {
        FakeUpstream upstream = new FakeUpstream();
        try (TestServer first = instance(upstream); TestServer second = instance(upstream);
             PostgresStore reader = database.openStore()) {
            Proposal proposal = first.wiring.service.propose("alice", CONVERSATION, "issue-create", ISSUE);
            List<Session> sessions = List.of(first.signIn("alice"), first.signIn("alice"), second.signIn("alice"),
                    second.signIn("alice")); // two sessions of one person on each instance
            int clicks = 200;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(32);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < clicks; i++) {
                    // Sessions still live in each instance's memory: a click goes to the instance that signed it in.
                    Session session = sessions.get(i % 4);
                    TestServer server = i % 4 < 2 ? first : second;
                    answers.add(clients.submit((Callable<HttpResponse<String>>) () -> {
                        go.await();
                        return click(server, session, proposal);
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 202, 409);
                }
            } finally {
                clients.shutdownNow();
            }

            assertThat(upstream.createsReceived()).isEqualTo(1);
            assertThat(actionLines(reader)).extracting(line -> line.status().wireName()).containsExactly("started", "done");
            assertThat(reader.history().verify("alice", CONVERSATION).intact()).isTrue();
        }
    }

    private static List<ActionLine> actionLines(PostgresStore store) {
        try (Stream<HistoryRecord> records = store.history().conversation("alice", CONVERSATION)) {
            return records.filter(ActionLine.class::isInstance).map(ActionLine.class::cast).toList();
        }
    }
}
