package dev.chatactions.adapter.claude;

import dev.chatactions.core.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The CLI's stderr: the first {@value #LOGGED_LINES} lines of a turn go to the log, redacted (then
 * only how many more there were: a chatty or looping CLI cannot fill the disk), and the last few
 * lines are kept for the failure reason. Nothing of a secret this process holds ({@link Secret#redact}: the chat's API key,
 * and the forge's tokens should the CLI ever echo one, in any encoding), an Anthropic key, a bearer
 * token or a {@code name=secret} pair survives redaction.
 */
final class StderrLog {

    static final int MAX_LINE_BYTES = 4096;
    static final int LOGGED_LINES = 100;
    private static final int TAIL_LINES = 5;
    private static final int TAIL_CHARS = 400;
    private static final System.Logger LOG = System.getLogger(StderrLog.class.getName());
    private static final Pattern ANTHROPIC_KEY = Pattern.compile("sk-ant-[A-Za-z0-9_-]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)((?:api[_-]?key|token|secret|password|authorization|cookie)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

    private final String turn;
    private final Deque<String> tail = new ArrayDeque<>();
    private int logged;
    private int unlogged;

    StderrLog(String turn) {
        this.turn = turn;
    }

    /** Reads {@code stderr} to its end; run it on a thread of its own. */
    void pump(InputStream stderr) {
        BoundedLineReader reader = new BoundedLineReader(stderr, MAX_LINE_BYTES);
        try {
            for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
                accept(line.tooLong() ? "[a line over " + MAX_LINE_BYTES + " bytes, dropped]" : line.text());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "claude stderr of {0} closed: {1}", turn, e.getClass().getSimpleName());
        }
        int more;
        synchronized (tail) {
            more = unlogged;
        }
        if (more > 0) {
            LOG.log(System.Logger.Level.INFO, "claude stderr of {0}: {1} more line(s), not logged", turn, more);
        }
    }

    void accept(String raw) {
        String line = redact(raw).strip();
        if (line.isEmpty()) {
            return;
        }
        boolean log;
        synchronized (tail) {
            log = logged < LOGGED_LINES;
            if (log) {
                logged++;
            } else {
                unlogged++;
            }
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        if (log) {
            LOG.log(System.Logger.Level.INFO, "claude stderr of {0}: {1}", turn, line);
        }
    }

    /** The last lines, joined, at most a few hundred characters; empty when stderr said nothing. */
    String tail() {
        String joined;
        synchronized (tail) {
            joined = String.join(" | ", tail);
        }
        return joined.length() <= TAIL_CHARS ? joined : "..." + joined.substring(joined.length() - TAIL_CHARS);
    }

    String redact(String text) {
        String redacted = Secret.redact(text);
        redacted = ANTHROPIC_KEY.matcher(redacted).replaceAll("[redacted]");
        redacted = BEARER.matcher(redacted).replaceAll("$1[redacted]");
        redacted = NAMED_SECRET.matcher(redacted).replaceAll("$1[redacted]");
        return CONTROL.matcher(redacted).replaceAll("?");
    }
}
