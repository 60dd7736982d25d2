package dev.chatactions.adapter.claude;

import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One turn: one {@code claude} process, read line by line on a thread of its own while the calling
 * thread watches the time limits and the cancel signal, and hands the text on in order.
 */
final class CliTurn {

    private static final System.Logger LOG = System.getLogger(CliTurn.class.getName());
    /** How long a process that printed its result may take to exit, and SIGTERM to work. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    /**
     * Chars of read lines a turn holds before its stdout thread waits: a few dozen stream-json
     * lines, against the kernel pipe's 64 KiB behind them.
     */
    private static final int PENDING_CHARS = 4 * 1024;

    private final ClaudeSettings settings;
    private final AssistantRequest request;
    private final Consumer<String> deltas;
    private final CancelSignal cancel;
    private final String name;
    private final LineHandoff lines = new LineHandoff(PENDING_CHARS);
    private final StderrLog stderr;
    private volatile boolean stopped;
    private long replyBytes;
    private boolean sawDelta;
    private boolean deliveredAny;
    private int malformedLines;
    private String firstMalformed;
    private Integer lastRetryStatus;
    private boolean sessionFlagWrong;

    CliTurn(ClaudeSettings settings, AssistantRequest request, Consumer<String> deltas, CancelSignal cancel, String name) {
        this.settings = settings;
        this.request = request;
        this.deltas = deltas;
        this.cancel = cancel;
        this.name = name;
        this.stderr = new StderrLog(name);
    }

    TurnEnd run(Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(ClaudeInvocation.command(settings, request)).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(ClaudeInvocation.environment(settings));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: claude could not be started: {1}", name, e.getClass().getSimpleName());
            return TurnFailures.couldNotStart();
        }
        ProcessTree tree = new ProcessTree(process);
        Thread stdoutThread = daemon("stdout", () -> readStdout(process.getInputStream()));
        Thread stderrThread = daemon("stderr", () -> stderr.pump(process.getErrorStream()));
        daemon("stdin", () -> writeMessage(process.getOutputStream()));
        cancel.onCancel(() -> lines.signal(LineHandoff.Signal.WAKE));
        TurnEnd end = null;
        try {
            end = watch(tree, process, stderrThread);
            return end;
        } finally {
            stopped = true;
            if (end instanceof TurnEnd.Completed) {
                awaitExit(process);
            }
            tree.kill(GRACE);
            stdoutThread.interrupt();
            if (malformedLines > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0}: {1} malformed output line(s) ignored, the first {2}",
                        name, malformedLines, firstMalformed);
            }
        }
    }

    /**
     * True when the turn failed only because the session was started that already exists (a
     * first turn that failed after the CLI recorded it) or resumed that does not (the CLI's
     * session store was lost): the same turn with the other flag can succeed.
     */
    boolean sessionFlagWrong() {
        return sessionFlagWrong;
    }

    private TurnEnd watch(ProcessTree tree, Process process, Thread stderrThread) {
        long start = System.nanoTime();
        long lastLine = start;
        // Until the model's reply starts, only the first-byte limit counts (the CLI's own status
        // and retry lines do not stretch it); after that, the silence between any two lines.
        boolean replyStarted = false;
        while (true) {
            if (cancel.isCancelled()) {
                return new TurnEnd.Cancelled(cancel.reason());
            }
            long now = System.nanoTime();
            long turnLeft = start + settings.limits().turn().toNanos() - now;
            long quietLeft = replyStarted
                    ? lastLine + settings.limits().silence().toNanos() - now
                    : start + settings.limits().firstByte().toNanos() - now;
            if (turnLeft <= 0 || quietLeft <= 0) {
                return timedOut(turnLeft <= 0 ? "the turn took longer than " + seconds(settings.limits().turn())
                        : replyStarted ? "no output for " + seconds(settings.limits().silence())
                        : "no answer within " + seconds(settings.limits().firstByte()));
            }
            LineHandoff.Event event;
            try {
                // At most a refresh period: a quiet CLI's children are still seen (and killed with it)
                // before it exits and orphans them.
                event = lines.poll(Math.min(Math.min(turnLeft, quietLeft), ProcessTree.REFRESH_EVERY_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new TurnEnd.Cancelled("interrupted");
            }
            tree.refreshNowAndThen();
            if (event == null || event == LineHandoff.Signal.WAKE) {
                continue;
            }
            if (event == LineHandoff.Signal.TOO_LONG) {
                return TurnFailures.tooLarge("an output line over " + settings.limits().maxLineBytes() + " bytes");
            }
            if (event == LineHandoff.Signal.END_OF_OUTPUT) {
                return endedWithoutResult(process, stderrThread);
            }
            lastLine = System.nanoTime();
            StreamJsonLine line = StreamJsonParser.parse(((LineHandoff.Line) event).text());
            replyStarted |= line.fromModel();
            TurnEnd end = handle(line);
            if (end != null) {
                return end;
            }
        }
    }

    /** Acts on one line; a value when it ends the turn. */
    private TurnEnd handle(StreamJsonLine line) {
        if (line instanceof StreamJsonLine.TextDelta delta) {
            sawDelta = true;
            return deliver(delta.text());
        }
        if (line instanceof StreamJsonLine.AssistantText assistant) {
            return sawDelta ? null : deliver(assistant.text());
        }
        if (line instanceof StreamJsonLine.ApiRetry retry) {
            lastRetryStatus = retry.status();
            // Retrying a refused login cannot help: say so now instead of after the CLI's back-off.
            boolean loginRefused = retry.status() != null && (retry.status() == 401 || retry.status() == 403);
            return loginRefused ? TurnFailures.notLoggedIn() : null;
        }
        if (line instanceof StreamJsonLine.Result result) {
            if (result.isError()) {
                sessionFlagWrong = !deliveredAny && request.resume() && result.text() != null
                        && result.text().contains("No conversation found with session ID");
                return TurnFailures.fromResult(result);
            }
            if (!deliveredAny && result.text() != null) {
                TurnEnd tooLarge = deliver(result.text());
                if (tooLarge != null) {
                    return tooLarge;
                }
            }
            String session = result.sessionId() != null ? result.sessionId() : request.modelSession().toString();
            return new TurnEnd.Completed(session, result.stopReason(), result.usage(), result.costUsd());
        }
        if (line instanceof StreamJsonLine.Malformed malformed) {
            if (malformedLines++ == 0) {
                firstMalformed = malformed.problem();
            }
        }
        return null;
    }

    private TurnEnd deliver(String text) {
        if (text.isEmpty()) {
            return null;
        }
        replyBytes += text.getBytes(StandardCharsets.UTF_8).length;
        if (replyBytes > settings.limits().maxReplyBytes()) {
            return TurnFailures.tooLarge("a reply over " + settings.limits().maxReplyBytes() + " bytes");
        }
        deliveredAny = true;
        try {
            deltas.accept(text);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: the reader of the reply failed: {1}", name, e.getClass().getSimpleName());
            return new TurnEnd.Cancelled("the reply's reader failed");
        }
        return null;
    }

    private TurnEnd timedOut(String which) {
        TurnEnd.Failed byStatus = lastRetryStatus == null ? null : TurnFailures.fromStatus(lastRetryStatus);
        return byStatus != null ? byStatus : TurnFailures.timedOut(which);
    }

    private TurnEnd endedWithoutResult(Process process, Thread stderrThread) {
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return new TurnEnd.Failed("The chat's model stopped writing before its reply was complete; try again.", true);
            }
            stderrThread.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TurnEnd.Cancelled("interrupted");
        }
        int exit = process.exitValue();
        sessionFlagWrong = exit != 0 && !deliveredAny && !request.resume() && stderr.tail().contains("is already in use");
        return exit != 0
                ? TurnFailures.processFailed(exit, stderr.tail())
                : new TurnEnd.Failed("The chat's model ended without finishing its reply; try again.", true);
    }

    private void awaitExit(Process process) {
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdout(InputStream stdout) {
        BoundedLineReader reader = new BoundedLineReader(stdout, settings.limits().maxLineBytes());
        try {
            for (BoundedLineReader.Line line = reader.next(); line != null && !stopped; line = reader.next()) {
                if (line.tooLong()) {
                    lines.signal(LineHandoff.Signal.TOO_LONG);
                    return;
                }
                if (!lines.putLine(line.text(), () -> stopped)) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: stdout closed: {1}", name, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the turn has ended: nobody reads any more
            return;
        }
        lines.signal(LineHandoff.Signal.END_OF_OUTPUT);
    }

    private void writeMessage(OutputStream stdin) {
        try (stdin) {
            stdin.write(request.message().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: the message could not be written: {1}", name, e.getClass().getSimpleName());
        }
    }

    private Thread daemon(String stream, Runnable body) {
        Thread thread = new Thread(body, name + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String seconds(Duration limit) {
        return limit.toSeconds() >= 1 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
