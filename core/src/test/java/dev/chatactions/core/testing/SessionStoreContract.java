package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.Retention;
import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} promises: a session is found until its expiry or its end, never
 * after; ids and CSRF tokens are long random values that never print; over a cap the oldest session
 * goes (the user's own, else the oldest of all) and a sign-in still works; concurrent sign-ins all
 * hold. Extend it with a fresh, empty store per call.
 */
public abstract class SessionStoreContract {

    private static final Duration HOUR = Duration.ofHours(1);

    protected final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");

    /** A fresh, empty store reading {@code clock}, with {@code retention}'s lifetime and caps. */
    protected abstract SessionStore store(Clock clock, Retention retention);

    private SessionStore store(int perUser, int capacity) {
        return store(clock, new Retention(HOUR, perUser, capacity));
    }

    @Test
    void a_session_lasts_its_lifetime_and_ends_at_sign_out() {
        SessionStore sessions = store(SessionStore.PER_USER, SessionStore.CAPACITY);
        Session alice = sessions.start("alice");
        Session bob = sessions.start("bob");

        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(alice.id())).hasValue(alice);
        sessions.end(bob);
        assertThat(sessions.find(bob.id())).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.find(alice.id())).isEmpty();
        assertThat(sessions.lifetime()).isEqualTo(HOUR);
    }

    @Test
    void a_session_expires_an_hour_after_its_start_even_when_used_meanwhile() {
        SessionStore sessions = store(SessionStore.PER_USER, SessionStore.CAPACITY);
        Session alice = sessions.start("alice");

        assertThat(alice.expiresAt()).isEqualTo(clock.instant().plus(HOUR));
        for (int minute = 10; minute < 60; minute += 10) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.find(alice.id())).as("after %d minutes", minute).hasValue(alice);
        }
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(sessions.find(alice.id())).hasValue(alice);
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.find(alice.id())).isEmpty();
    }

    @Test
    void ids_and_csrf_tokens_are_distinct_random_values_that_never_show_in_to_string() {
        SessionStore sessions = store(SessionStore.PER_USER, SessionStore.CAPACITY);
        Session session = sessions.start("alice");
        Session again = sessions.start("alice");

        assertThat(session.id()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(session.csrfToken()).isNotEqualTo(again.id());
        assertThat(session.csrfToken()).hasSize(43).isNotEqualTo(again.csrfToken());
        assertThat(session.toString()).contains("alice").doesNotContain(session.id()).doesNotContain(session.csrfToken());
    }

    @Test
    void unknown_ids_find_nothing() {
        SessionStore sessions = store(SessionStore.PER_USER, SessionStore.CAPACITY);
        Session alice = sessions.start("alice");

        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find(alice.csrfToken())).isEmpty();
        assertThat(sessions.find(alice.id() + "x")).isEmpty();
        assertThat(sessions.find("'; drop table sessions; --\u0000")).isEmpty();
    }

    @Test
    void ending_a_session_twice_or_after_its_expiry_changes_nothing_else() {
        SessionStore sessions = store(SessionStore.PER_USER, SessionStore.CAPACITY);
        Session first = sessions.start("alice");
        Session second = sessions.start("alice");

        sessions.end(first);
        sessions.end(first);
        clock.advance(HOUR);
        sessions.end(second);

        Session later = sessions.start("alice");
        assertThat(sessions.find(later.id())).hasValue(later);
    }

    @Test
    void a_user_over_the_cap_loses_only_their_own_oldest_session() {
        SessionStore sessions = store(3, 10);
        Session bob = sessions.start("bob");
        Session first = sessions.start("alice");
        Session second = sessions.start("alice");
        sessions.start("alice");

        Session newest = sessions.start("alice");

        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).hasValue(second);
        assertThat(sessions.find(newest.id())).hasValue(newest);
        assertThat(sessions.find(bob.id())).hasValue(bob);
    }

    @Test
    void when_full_the_oldest_session_of_all_ends_and_a_new_sign_in_still_works() {
        SessionStore sessions = store(3, 5);
        Session oldest = sessions.start("user-0");
        clock.advance(Duration.ofSeconds(1));
        Session next = sessions.start("user-1");
        for (int i = 2; i < 5; i++) {
            sessions.start("user-" + i);
        }

        Session newest = sessions.start("alice");

        assertThat(sessions.find(newest.id())).hasValue(newest);
        assertThat(sessions.find(oldest.id())).isEmpty();
        assertThat(sessions.find(next.id())).hasValue(next);
    }

    @Test
    void expired_sessions_make_room() {
        SessionStore sessions = store(2, 2);
        Session early = sessions.start("alice");
        clock.advance(Duration.ofMinutes(30));
        Session kept = sessions.start("bob");
        clock.advance(Duration.ofMinutes(31));

        Session late = sessions.start("carol");

        assertThat(sessions.find(early.id())).isEmpty();
        assertThat(sessions.find(kept.id())).hasValue(kept);
        assertThat(sessions.find(late.id())).hasValue(late);
    }

    @Test
    void fifty_concurrent_sign_ins_all_hold_and_each_ends_alone() throws Exception {
        SessionStore sessions = store(SessionStore.PER_USER, SessionStore.CAPACITY);
        AtomicInteger users = new AtomicInteger();

        List<Session> started = Concurrently.run(50, () -> sessions.start("user-" + users.getAndIncrement()));

        assertThat(started).extracting(Session::id).doesNotHaveDuplicates();
        started.forEach(session -> assertThat(sessions.find(session.id())).hasValue(session));
        AtomicInteger ended = new AtomicInteger();
        Concurrently.run(50, () -> {
            sessions.end(started.get(ended.getAndIncrement()));
            return true;
        });
        started.forEach(session -> assertThat(sessions.find(session.id())).isEmpty());
    }
}
