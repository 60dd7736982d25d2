package dev.chatactions.app.http.bench;

import dev.chatactions.adapter.history.Durability;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.core.action.Payload;
import dev.chatactions.core.action.json.PayloadJson;
import dev.chatactions.core.port.ActionResult;
import dev.chatactions.core.port.ActionStatus;
import dev.chatactions.core.port.HistoryRecord.ActionLine;
import dev.chatactions.core.port.HistoryRecord.ProposalLine;
import dev.chatactions.core.port.UpstreamResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a large history for the restore measurement of BENCHMARKS.md: 20 users, clicks spread
 * evenly over the last 60 days, half of them on a proposal (a proposal, a started and a done line),
 * half under an Idempotency-Key (a started and a done line), until the directory holds {@code MB}
 * megabytes. Run it as a source file with the packaged server on the class path:
 * {@code java -cp app-http/target/chat-actions-http.jar app-http/src/bench/java/dev/chatactions/app/http/bench/LargeHistory.java DIR MB}.
 */
public final class LargeHistory {

    private static final int USERS = 20;
    private static final Duration SPAN = Duration.ofDays(60);
    /** Clicks per check of the directory's size. */
    private static final int BATCH = 2_000;

    private LargeHistory() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1_000_000L;
        long clicks = estimateClicks(target);
        NdjsonHistory history = new NdjsonHistory(dir, Durability.NONE);
        Instant start = Instant.now().minus(SPAN);
        long step = SPAN.toMillis() / clicks;
        long click = 0;
        while (size(dir) < target) {
            for (int i = 0; i < BATCH; i++, click++) {
                write(history, click, start.plusMillis(Math.min(click, clicks - 1) * step));
            }
        }
        System.out.println(click + " clicks, " + size(dir) + " bytes in " + dir);
    }

    /** About 1,000 bytes a click in this format: a rough count, to spread the clicks over the span. */
    private static long estimateClicks(long bytes) {
        return Math.max(1, bytes / 1_000);
    }

    private static void write(NdjsonHistory history, long click, Instant ts) {
        String user = String.format("user%02d", click % USERS);
        String conversation = String.format("%012x", (click / USERS) % 64);
        Payload request = Payload.of(Map.of("title", "Generated issue " + click, "body",
                "A generated click, to measure how the history restores at size."));
        ActionResult created = new ActionResult("issue", 1_000_000 + click, click, "http://forge.test/factory/app/issues/" + click,
                "open", new UpstreamResponse(201, Payload.of(Map.of("number", click))));
        String proposal = null;
        String key = String.format("k-%032x", click);
        if (click % 2 == 0) {
            proposal = "p-" + PayloadJson.sha256Hex(user + click).substring(0, 24);
            key = proposal;
            history.append(new ProposalLine(ts, user, conversation, proposal, "issue-create", request,
                    PayloadJson.sha256Hex(PayloadJson.canonical(request))));
        }
        history.append(new ActionLine(ts, user, conversation, "issue-create", key, proposal, request, ActionStatus.STARTED,
                List.of(), null, null, null));
        history.append(new ActionLine(ts.plusMillis(300), user, conversation, "issue-create", key, proposal, request,
                ActionStatus.DONE, List.of(), created, null, null));
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
