package dev.chatactions.adapter.claude;

import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The chat's model as the Claude Code CLI, run headless, one process per turn:
 * {@code claude --print --output-format=stream-json --verbose --include-partial-messages}, with no
 * tool and no MCP server, in a private empty directory, with an environment built from nothing but
 * {@code PATH}, {@code HOME}, {@code LANG} and the chat's own identity. The model session goes on
 * across turns ({@code --session-id} on the first, {@code --resume} after); when the CLI's store
 * disagrees (a failed first turn was recorded, or the store was lost) the turn is run once more
 * with the other flag.
 */
public final class ClaudeCliAssistant implements AssistantPort {

    private static final System.Logger LOG = System.getLogger(ClaudeCliAssistant.class.getName());
    private static final AtomicLong TURNS = new AtomicLong();

    private final ClaudeSettings settings;

    public ClaudeCliAssistant(ClaudeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public TurnEnd converse(AssistantRequest request, Consumer<String> deltas, CancelSignal cancel) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(deltas, "deltas");
        Objects.requireNonNull(cancel, "cancel");
        if (cancel.isCancelled()) {
            return new TurnEnd.Cancelled(cancel.reason());
        }
        String name = "claude-turn-" + TURNS.incrementAndGet();
        Path workDir;
        try {
            workDir = privateDirectory(name);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: no working directory under {1}: {2}", name, settings.workRoot(), e.toString());
            return new TurnEnd.Failed("The chat's model could not be started (no room for its working directory).", true);
        }
        try {
            CliTurn turn = new CliTurn(settings, request, deltas, cancel, name);
            TurnEnd end = turn.run(workDir);
            if (!turn.sessionFlagWrong()) {
                return end;
            }
            LOG.log(System.Logger.Level.INFO, "{0}: model session {1} {2}; trying once more with {3}", name, request.modelSession(),
                    request.resume() ? "is not in the CLI's store (earlier context lost)" : "exists already",
                    request.resume() ? "--session-id" : "--resume");
            AssistantRequest flipped = new AssistantRequest(request.user(), request.conversation(), request.message(),
                    request.modelSession(), !request.resume(), request.systemPrompt());
            return new CliTurn(settings, flipped, deltas, cancel, name + "-again").run(workDir);
        } finally {
            deleteTree(workDir);
        }
    }

    private Path privateDirectory(String name) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(settings.workRoot(), name + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(settings.workRoot(), name + "-");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not remove {0}: {1}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove {0}: {1}", root, e.toString());
        }
    }
}
