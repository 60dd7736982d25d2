package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StderrLogTest {

    private final StderrLog log = new StderrLog(List.of("configured-key-77"), "claude-turn-test");

    @Test
    void keys_tokens_and_named_secrets_are_cut_out() {
        assertThat(log.redact("using configured-key-77 and sk-ant-api03-AbC_d-9 with Authorization: Bearer abc.def"))
                .isEqualTo("using [redacted] and [redacted] with Authorization: [redacted] [redacted]");
        assertThat(log.redact("token=t0k3n password: \"hunter2\" x-api-key:zzz cookie=c1; kept"))
                .doesNotContain("t0k3n", "hunter2", "zzz", "c1").contains("kept");
        assertThat(log.redact("bell\u0007 and\u001b[31m colour")).isEqualTo("bell? and?[31m colour");
    }

    @Test
    void the_tail_keeps_the_last_five_lines_that_say_something() {
        String stderr = "first\n" + "x".repeat(10_000) + "\nsecond\n\n  \nthird\nfourth\nfifth\nsixth\n";

        log.pump(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)));

        assertThat(log.tail()).isEqualTo("second | third | fourth | fifth | sixth");
    }

    @Test
    void the_tail_stays_short() {
        for (int i = 0; i < 5; i++) {
            log.accept(i + "y".repeat(300));
        }

        assertThat(log.tail()).hasSize(403).startsWith("...").endsWith("y".repeat(300));
    }

    @Test
    void a_line_over_the_cap_is_noted_not_kept() {
        log.pump(new ByteArrayInputStream(("z".repeat(10_000) + "\n").getBytes(StandardCharsets.UTF_8)));

        assertThat(log.tail()).isEqualTo("[a line over 4096 bytes, dropped]");
    }
}
