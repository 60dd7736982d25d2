package dev.chatactions.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatactions.core.session.RateLimiter;
import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SessionStore;
import dev.chatactions.core.session.SingleUseTokens;
import dev.chatactions.core.session.StateUnavailableException;
import dev.chatactions.core.testing.Concurrently;
import dev.chatactions.core.testing.MutableClock;
import dev.chatactions.core.testing.RateLimiterContract;
import dev.chatactions.core.testing.SessionStoreContract;
import dev.chatactions.core.testing.SingleUseTokensContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions, single-use tokens and rate limits in a real PostgreSQL: the contracts of the in-memory
 * defaults, and what only a shared database adds (a second server sees at once what the first did,
 * nothing secret at rest, expired rows deleted, a lost database refused and recovered from).
 */
class PostgresSessionsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore store(Clock clock, Retention retention) {
            return database.store().sessions(clock, retention);
        }
    }

    @Nested
    class Tokens extends SingleUseTokensContract {
        @Override
        protected SingleUseTokens tokens(Clock clock, Retention retention) {
            return database.store().singleUseTokens(PostgresSingleUseTokens.PENDING_SIGN_INS, clock, retention);
        }
    }

    @Nested
    class RateLimits extends RateLimiterContract {
        @Override
        protected RateLimiter limiter(Clock clock, int perMinute) {
            return database.store().rateLimiter(clock, perMinute);
        }
    }

    @Test
    void a_session_started_on_one_server_is_found_on_another_and_a_sign_out_there_ends_it_here() {
        try (PostgresStore other = database.openStore()) {
            SessionStore a = database.store().sessions(clock, SessionStore.retention(HOUR));
            SessionStore b = other.sessions(clock, SessionStore.retention(HOUR));
            Session alice = a.start("alice");

            assertThat(b.find(alice.id())).hasValue(alice);
            b.end(b.find(alice.id()).orElseThrow());
            assertThat(a.find(alice.id())).isEmpty();
        }
    }

    @Test
    void a_token_issued_on_one_server_redeems_once_on_another() {
        try (PostgresStore other = database.openStore()) {
            SingleUseTokens a = database.store().singleUseTokens(PostgresSingleUseTokens.SIGN_IN_LINKS, clock, SingleUseTokens.SIGN_IN_LINKS);
            SingleUseTokens b = other.singleUseTokens(PostgresSingleUseTokens.SIGN_IN_LINKS, clock, SingleUseTokens.SIGN_IN_LINKS);
            String token = a.issue("alice");

            assertThat(b.redeem(token)).hasValue("alice");
            assertThat(a.redeem(token)).isEmpty();
        }
    }

    @Test
    void kinds_of_token_do_not_mix() {
        SingleUseTokens links = database.store().singleUseTokens(PostgresSingleUseTokens.SIGN_IN_LINKS, clock, SingleUseTokens.SIGN_IN_LINKS);
        SingleUseTokens pending = database.store().singleUseTokens(PostgresSingleUseTokens.PENDING_SIGN_INS, clock, SingleUseTokens.PENDING_SIGN_INS);
        SessionStore sessions = database.store().sessions(clock, SessionStore.retention(HOUR));
        String link = links.issue("alice");
        Session session = sessions.start("alice");

        assertThat(pending.redeem(link)).isEmpty();
        assertThat(pending.redeem(session.id())).isEmpty();
        assertThat(sessions.find(link)).isEmpty();
        assertThat(links.redeem(link)).hasValue("alice");
        assertThat(sessions.find(session.id())).hasValue(session);
        assertThatThrownBy(() -> database.store().singleUseTokens("session", clock, SingleUseTokens.SIGN_IN_LINKS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_rate_limit_holds_across_servers() {
        try (PostgresStore other = database.openStore()) {
            RateLimiter a = database.store().rateLimiter(clock, 30);
            RateLimiter b = other.rateLimiter(clock, 30);
            for (int i = 0; i < 15; i++) {
                assertThat(a.acquire("alice")).isEmpty();
                assertThat(b.acquire("alice")).isEmpty();
            }

            assertThat(a.acquire("alice")).hasValue(2);
            assertThat(b.acquire("alice")).hasValue(2);
        }
    }

    @Test
    void of_sixty_four_takers_on_two_servers_at_once_on_a_new_bucket_exactly_thirty_get_a_permit() throws Exception {
        try (PostgresStore other = database.openStore()) {
            RateLimiter a = database.store().rateLimiter(clock, 30);
            RateLimiter b = other.rateLimiter(clock, 30);
            AtomicInteger taker = new AtomicInteger();

            List<OptionalLong> results = Concurrently.run(64, () -> (taker.getAndIncrement() % 2 == 0 ? a : b).acquire("alice"));

            assertThat(results).filteredOn(OptionalLong::isEmpty).hasSize(30);
            assertThat(results).filteredOn(OptionalLong::isPresent).extracting(OptionalLong::getAsLong).containsOnly(2L);
        }
    }

    @Test
    void the_database_holds_no_session_id_csrf_token_or_single_use_token() throws SQLException {
        Session session = database.store().sessions(clock, SessionStore.retention(HOUR)).start("alice");
        String link = database.store().singleUseTokens(PostgresSingleUseTokens.SIGN_IN_LINKS, clock, SingleUseTokens.SIGN_IN_LINKS)
                .issue("alice");

        String dump = String.join("\n", rows("SELECT * FROM token_entry"));

        assertThat(dump).contains("alice").contains("session").contains("sign-in-link")
                .doesNotContain(session.id()).doesNotContain(session.csrfToken()).doesNotContain(link);
        assertThat(rows("SELECT encode(token_sha256, 'base64') FROM token_entry"))
                .noneMatch(digest -> digest.contains(session.id()) || digest.contains(link));
    }

    @Test
    void expired_rows_never_answer_and_are_deleted_at_the_next_sign_in() throws SQLException {
        SessionStore sessions = database.store().sessions(clock, SessionStore.retention(HOUR));
        SingleUseTokens links = database.store().singleUseTokens(PostgresSingleUseTokens.SIGN_IN_LINKS, clock, SingleUseTokens.SIGN_IN_LINKS);
        Session early = sessions.start("alice");
        links.issue("alice");
        clock.advance(HOUR);

        assertThat(sessions.find(early.id())).isEmpty();
        assertThat(rows("SELECT value FROM token_entry")).hasSize(2);
        sessions.start("bob");
        links.issue("bob");

        assertThat(rows("SELECT value FROM token_entry")).containsExactlyInAnyOrder("bob", "bob");
    }

    @Test
    void buckets_untouched_for_a_minute_are_deleted_when_a_new_one_is_made() throws SQLException {
        RateLimiter limiter = database.store().rateLimiter(clock, 30);
        limiter.acquire("alice");
        clock.advance(Duration.ofSeconds(61));

        limiter.acquire("bob");

        assertThat(rows("SELECT bucket_key FROM rate_bucket")).containsExactly("bob");
        assertThat(limiter.acquire("alice")).isEmpty();
    }

    @Test
    void a_lost_database_is_refused_without_credentials_and_recovered_from() {
        SessionStore sessions = database.store().sessions(clock, SessionStore.retention(HOUR));
        RateLimiter limiter = database.store().rateLimiter(clock, 30);
        Session alice = sessions.start("alice");
        database.server().stop();
        try {
            assertThatThrownBy(() -> sessions.find(alice.id())).isInstanceOf(StateUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PostgresServer.PASSWORD)
                            .doesNotContain(database.server().url()).doesNotContain(alice.id()));
            assertThatThrownBy(() -> sessions.start("bob")).isInstanceOf(StateUnavailableException.class);
            assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOf(StateUnavailableException.class);
        } finally {
            database.server().start();
        }
        assertThat(sessions.find(alice.id())).hasValue(alice);
    }

    private static List<String> rows(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.server().url(), PostgresServer.USER, PostgresServer.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> lines = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(rows.getString(i));
                }
                lines.add(String.join("|", cells));
            }
            return lines;
        }
    }
}
