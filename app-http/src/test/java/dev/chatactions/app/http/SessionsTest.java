package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.app.http.Sessions.Session;
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
}
