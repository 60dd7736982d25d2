package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.Session;
import dev.chatactions.core.session.SessionStore;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");

    @Test
    void a_session_lasts_its_lifetime_and_ends_at_logout() {
        Sessions sessions = new Sessions(clock, Duration.ofHours(1), false);
        Session alice = sessions.start("alice");
        Session bob = sessions.start("bob");

        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(alice.id())).hasValue(alice);
        sessions.end(bob);
        assertThat(sessions.find(bob.id())).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.find(alice.id())).isEmpty();
    }

    @Test
    void ids_and_csrf_tokens_are_distinct_random_values_that_never_show_in_to_string() {
        Session session = new Sessions(clock, Duration.ofHours(1), false).start("alice");

        assertThat(session.id()).hasSize(43).isNotEqualTo(session.csrfToken());
        assertThat(session.toString()).contains("alice").doesNotContain(session.id()).doesNotContain(session.csrfToken());
    }

    @Test
    void the_cookie_is_secure_only_behind_https() {
        Sessions plain = new Sessions(clock, Duration.ofHours(1), false);
        Sessions secure = new Sessions(clock, Duration.ofHours(1), true);

        assertThat(plain.cookie(plain.start("alice"))).endsWith("Max-Age=3600; HttpOnly; SameSite=Lax");
        assertThat(secure.cookie(secure.start("alice"))).endsWith("HttpOnly; SameSite=Lax; Secure");
        assertThat(plain.clearingCookie()).isEqualTo("chat_session=; Path=/chat; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    @Test
    void a_user_over_the_cap_loses_only_their_own_oldest_session() {
        Sessions sessions = new Sessions(clock, Duration.ofHours(1), false);
        Session bob = sessions.start("bob");
        Session first = sessions.start("alice");
        Session second = sessions.start("alice");
        for (int i = 2; i < SessionStore.PER_USER; i++) {
            sessions.start("alice");
        }

        Session newest = sessions.start("alice");

        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).hasValue(second);
        assertThat(sessions.find(newest.id())).hasValue(newest);
        assertThat(sessions.find(bob.id())).hasValue(bob);
    }

    @Test
    void when_full_the_oldest_session_of_all_ends_and_a_new_sign_in_still_works() {
        Sessions sessions = new Sessions(clock, Duration.ofHours(1), false);
        Session oldest = sessions.start("user-0");
        clock.advance(Duration.ofSeconds(1));
        Session next = sessions.start("user-1");
        for (int i = 2; i < SessionStore.CAPACITY; i++) {
            sessions.start("user-" + i);
        }

        Session newest = sessions.start("alice");

        assertThat(sessions.find(newest.id())).hasValue(newest);
        assertThat(sessions.find(oldest.id())).isEmpty();
        assertThat(sessions.find(next.id())).hasValue(next);
    }
}
