package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class TokenLeakGuardTest {

    @Test
    void it_finds_a_secret_in_a_log_line_and_in_an_exception_cause() throws Exception {
        TokenLeakGuard guard = new TokenLeakGuard("hunter2");
        guard.beforeAll(null);
        try {
            Logger.getLogger("any").fine("nothing here");
            guard.record(new IllegalStateException("outer", new RuntimeException("no")));
            assertThat(guard.leaks()).isEmpty();

            System.getLogger("some.adapter").log(System.Logger.Level.DEBUG, "sending token hunter2");
            assertThat(guard.leaks()).containsExactly("hunter2");
        } finally {
            guard.afterAll(null);
        }
        TokenLeakGuard other = new TokenLeakGuard("s3cret");
        other.record(new IllegalStateException("outer", new RuntimeException("inner s3cret")));
        assertThat(other.leaks()).containsExactly("s3cret");
    }

    @Test
    void it_finds_a_secret_percent_encoded_or_base64_encoded() {
        TokenLeakGuard encoded = new TokenLeakGuard("tok+en/1");
        encoded.record("Location: https://evil.example/?t=tok%2Ben%2F1");
        TokenLeakGuard base64 = new TokenLeakGuard("tok+en/1");
        base64.record("X-Echo: " + java.util.Base64.getEncoder().encodeToString("tok+en/1".getBytes()));

        assertThat(encoded.leaks()).containsExactly("tok+en/1");
        assertThat(base64.leaks()).containsExactly("tok+en/1");
    }
}
