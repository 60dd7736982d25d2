package dev.chatactions.adapter.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.config.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class StderrLogTest {

    private static final Secret CHAT_KEY = Secret.of("configured-key-77", "ANTHROPIC_API_KEY");
    private static final Secret FORGE_TOKEN = Secret.of("forge/token+e2e", "FORGE_TOKEN");

    private final StderrLog log = new StderrLog("claude-turn-test");

    @Test
    void keys_tokens_and_named_secrets_are_cut_out() {
        assertThat(log.redact("using configured-key-77 and sk-ant-api03-AbC_d-9 with Authorization: Bearer abc.def"))
                .isEqualTo("using [hidden] and [redacted] with Authorization: [redacted] [redacted]");
        assertThat(log.redact("token=t0k3n password: \"hunter2\" x-api-key:zzz cookie=c1; kept"))
                .doesNotContain("t0k3n", "hunter2", "zzz", "c1").contains("kept");
        assertThat(log.redact("bell\u0007 and\u001b[31m colour")).isEqualTo("bell? and?[31m colour");
    }

    @Test
    void every_secret_the_process_holds_is_hidden_in_its_encoded_forms_too() {
        assertThat(log.redact("GET /x?t=forge%2Ftoken%2Be2e and " + Base64.getEncoder().encodeToString(FORGE_TOKEN.reveal().getBytes(StandardCharsets.UTF_8))))
                .doesNotContain("forge%2Ftoken%2Be2e", "forge/token+e2e", "Zm9yZ2Uvd").contains(Secret.HIDDEN);
        assertThat(log.redact("key " + CHAT_KEY.reveal())).isEqualTo("key " + Secret.HIDDEN);
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

    @Test
    void a_chatty_cli_fills_the_log_with_its_first_lines_and_a_count_only() {
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(StderrLog.class.getName());
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        try {
            log.pump(new ByteArrayInputStream("retrying\n".repeat(StderrLog.LOGGED_LINES + 250).getBytes(StandardCharsets.UTF_8)));
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
        }

        assertThat(logged).hasSize(StderrLog.LOGGED_LINES + 1);
        assertThat(logged.get(0)).isEqualTo("claude stderr of claude-turn-test: retrying");
        assertThat(logged.get(StderrLog.LOGGED_LINES)).isEqualTo("claude stderr of claude-turn-test: 250 more line(s), not logged");
        assertThat(log.tail()).isEqualTo("retrying | retrying | retrying | retrying | retrying");
    }
}
