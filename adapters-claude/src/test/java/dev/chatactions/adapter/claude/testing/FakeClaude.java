package dev.chatactions.adapter.claude.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatactions.adapter.claude.ClaudeSettings;
import dev.chatactions.core.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in {@code claude}: a shell script the test writes, printing stream-json lines like the
 * real CLI's. {@code $FAKE_DIR} in a command is the script's folder (for files it leaves behind).
 */
public final class FakeClaude {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String> commands = new ArrayList<>();

    private FakeClaude(Path dir) {
        this.dir = dir;
    }

    public static FakeClaude in(Path dir) {
        return new FakeClaude(dir);
    }

    public Path dir() {
        return dir;
    }

    /** A shell command, as written. */
    public FakeClaude shell(String command) {
        commands.add(command);
        return this;
    }

    /** Prints {@code line} and a line end. */
    public FakeClaude line(String line) {
        return shell("printf '%s\\n' '" + line.replace("'", "'\\''") + "'");
    }

    public FakeClaude init() {
        return line("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\",\"tools\":[]}");
    }

    public FakeClaude delta(String text) {
        ObjectNode delta = JSON.createObjectNode().put("type", "text_delta").put("text", text);
        ObjectNode event = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        event.set("delta", delta);
        ObjectNode line = JSON.createObjectNode().put("type", "stream_event");
        line.set("event", event);
        return line(line.toString());
    }

    public FakeClaude deltas(List<String> pieces) {
        pieces.forEach(this::delta);
        return this;
    }

    public FakeClaude assistant(String text) {
        ObjectNode line = JSON.createObjectNode().put("type", "assistant");
        ObjectNode message = line.putObject("message").put("role", "assistant").put("model", "claude-test");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        return line(line.toString());
    }

    /** A successful {@code result} naming the session the script was started with. */
    public FakeClaude result() {
        return shell("printf '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"session_id\":\"%s\","
                + "\"stop_reason\":\"end_turn\",\"total_cost_usd\":0.0012,\"usage\":{\"input_tokens\":12,\"output_tokens\":34}}\\n' \"$SESSION\"");
    }

    /** The script's body runs on its first start only; every later start replies "fine" and completes. */
    public FakeClaude thenWorks() {
        List<String> first = List.copyOf(commands);
        commands.clear();
        shell("if [ -e \"$FAKE_DIR/ran\" ]; then");
        init().delta("fine").result().shell("exit 0");
        shell("fi");
        shell("touch \"$FAKE_DIR/ran\"");
        commands.addAll(first);
        return this;
    }

    /** Writes the script (mode 0700) and returns its path. */
    public Path write() {
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append("FAKE_DIR='").append(dir).append("'\n")
                .append("SESSION=none\n")
                .append("for a in \"$@\"; do case \"$a\" in --session-id=*|--resume=*) SESSION=\"${a#*=}\";; esac; done\n");
        commands.forEach(command -> script.append(command).append('\n'));
        Path file = dir.resolve("claude");
        try {
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Settings running this script in api-key mode with {@code limits}. */
    public ClaudeSettings settings(ClaudeSettings.Limits limits) {
        return new ClaudeSettings(write(), Optional.empty(), Optional.empty(),
                ClaudeSettings.Identity.apiKey(Secret.of("sk-ant-test-chat-key", "ANTHROPIC_API_KEY")),
                dir.toString(), "/usr/local/bin:/usr/bin:/bin", "C.UTF-8", limits, dir);
    }

    public static ClaudeSettings.Limits limits(Duration firstByte, Duration silence, Duration turn) {
        return new ClaudeSettings.Limits(firstByte, silence, turn, 64 * 1024, 256 * 1024);
    }
}
