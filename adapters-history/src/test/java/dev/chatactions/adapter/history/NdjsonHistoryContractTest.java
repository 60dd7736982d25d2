package dev.chatactions.adapter.history;

import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.testing.HistoryPortContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;

/** The NDJSON files keep the history contract. */
class NdjsonHistoryContractTest extends HistoryPortContract {

    @TempDir
    Path dir;

    private NdjsonHistory history;

    @Override
    protected HistoryPort history() {
        if (history == null) {
            history = new NdjsonHistory(dir.resolve("history"), Durability.NONE);
        }
        return history;
    }

    /** Longer than the coarsest file-time tick a Linux file system keeps (10 ms). */
    @Override
    protected void aMomentPasses() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The user's directory moves away and a regular file stands in its place. */
    @Override
    protected void appendsFail() {
        run(() -> {
            Files.move(userDirectory(), dir.resolve("moved-away"));
            Files.writeString(userDirectory(), "in the way");
        });
    }

    @Override
    protected void appendsWork() {
        run(() -> {
            Files.delete(userDirectory());
            Files.move(dir.resolve("moved-away"), userDirectory());
        });
    }

    @Override
    protected void spoilWithAnUnreadableLine(String user, String conversation) {
        run(() -> Files.writeString(history.file(user, conversation), "{\"ts\":\"torn\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    private Path userDirectory() {
        return history.directory().resolve(USER);
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private static void run(FileWork work) {
        try {
            work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
