package dev.chatactions.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.session.InMemorySessionStore;
import dev.chatactions.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cookie; what the store keeps (lifetime, caps, ids) is core's {@code SessionStoreContract}. */
class SessionsTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T20:00:00Z");

    @Test
    void the_cookie_is_secure_only_behind_https() {
        Sessions plain = new Sessions(new InMemorySessionStore(clock, Duration.ofHours(1)), false);
        Sessions secure = new Sessions(new InMemorySessionStore(clock, Duration.ofHours(1)), true);

        assertThat(plain.cookie(plain.start("alice"))).endsWith("Max-Age=3600; HttpOnly; SameSite=Lax");
        assertThat(secure.cookie(secure.start("alice"))).endsWith("HttpOnly; SameSite=Lax; Secure");
        assertThat(plain.clearingCookie()).isEqualTo("chat_session=; Path=/chat; Max-Age=0; HttpOnly; SameSite=Lax");
    }
}
