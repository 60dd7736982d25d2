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
}
