package dev.chatactions.core.testing;

import dev.chatactions.core.port.Failure;
import dev.chatactions.core.port.UpstreamException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Watches a test class for leaked secrets: it captures every log record (java.util.logging, where
 * {@link System.Logger} writes by default) at every level, the tests hand it every result and
 * exception they get ({@link #record}), and after each test it fails when any secret appears in any
 * of them: message, {@code toString()}, cause chain or log line.
 *
 * <p>Register it as a static {@code @RegisterExtension} field.
 */
public final class TokenLeakGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final List<String> secrets;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            seen.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel;

    public TokenLeakGuard(String... secrets) {
        this.secrets = List.copyOf(Arrays.asList(secrets));
    }

    /** Remembers the text of {@code value} (a result, failure or exception, with its causes); returns it. */
    public <T> T record(T value) {
        seen.add(String.valueOf(value));
        if (value instanceof Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                seen.add(t.toString());
                seen.add(String.valueOf(t.getMessage()));
            }
        }
        return value;
    }

    /** Runs {@code call}, which must throw an {@link UpstreamException}; records it and returns its failure. */
    public Failure failureOf(Runnable call) {
        try {
            call.run();
        } catch (UpstreamException thrown) {
            return record(thrown).failure();
        }
        throw new AssertionError("expected an UpstreamException");
    }

    /** How many texts have been seen so far (so a test can show the guard had something to read). */
    public int seenCount() {
        return seen.size();
    }

    /** The secrets found in what was seen, as they are, percent-encoded or base64-encoded; empty when nothing leaked. */
    public List<String> leaks() {
        synchronized (seen) {
            return secrets.stream()
                    .filter(s -> forms(s).stream().anyMatch(form -> seen.stream().anyMatch(text -> text.contains(form))))
                    .toList();
        }
    }

    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger root = Logger.getLogger("");
        previousLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaked = leaks();
        if (!leaked.isEmpty()) {
            throw new AssertionError(leaked.size() + " secret(s) appeared in a result, exception or log line");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(previousLevel);
    }
}
