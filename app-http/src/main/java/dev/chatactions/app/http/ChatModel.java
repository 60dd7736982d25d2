package dev.chatactions.app.http;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.conversation.SystemPrompt;
import dev.chatactions.core.conversation.demo.DemoAssistant;
import java.io.File;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which model the chat talks to ({@code CHAT_MODEL}) and what it is told ({@code CHAT_SYSTEM_PROMPT_FILE}).
 *
 * @param kind none (only {@code POST /chat/render}), the scripted demo model, or the live {@code claude} CLI
 * @param liveModel the model name for the live CLI ({@code CHAT_MODEL=sonnet}...), null for its default
 * @param claude the {@code claude} executable found on the PATH (live mode), else null
 * @param systemPrompt the built-in prompt, or the file's text
 */
record ChatModel(Kind kind, String liveModel, Path claude, String systemPrompt) {

    enum Kind { NONE, DEMO, LIVE }

    static final String INSTALL_HINT = "install the Claude Code CLI (npm install -g @anthropic-ai/claude-code) or set CHAT_MODEL=demo";
    private static final long MAX_PROMPT_BYTES = 64 * 1024;

    /**
     * Reads {@code CHAT_MODEL}: {@code none}, {@code demo}, {@code live} (the CLI's default model) or a model
     * name for the live CLI. Unset means the demo model for now.
     *
     * @param findOnPath where an executable of that name is on the PATH, if anywhere
     */
    static ChatModel from(Map<String, String> env, RepoRef defaultRepo, Function<String, Optional<Path>> findOnPath) {
        String chosen = env.getOrDefault("CHAT_MODEL", "").strip();
        String prompt = systemPrompt(env.get("CHAT_SYSTEM_PROMPT_FILE"), defaultRepo);
        // The seam for the live model's default: once adapters-claude is wired, an unset CHAT_MODEL picks LIVE
        // when findOnPath("claude") finds it, and DEMO only when it does not.
        if (chosen.isEmpty() || chosen.equals("demo")) {
            return new ChatModel(Kind.DEMO, null, null, prompt);
        }
        if (chosen.equals("none")) {
            return new ChatModel(Kind.NONE, null, null, prompt);
        }
        Path claude = findOnPath.apply("claude").orElseThrow(() -> new ConfigurationException(
                "CHAT_MODEL=" + chosen + " needs the claude command on the PATH: " + INSTALL_HINT));
        return new ChatModel(Kind.LIVE, chosen.equals("live") ? null : chosen, claude, prompt);
    }

    /** How the page names the model. */
    String label() {
        return switch (kind) {
            case NONE -> "no model";
            case DEMO -> DemoAssistant.LABEL;
            case LIVE -> "Claude" + (liveModel == null ? "" : " (" + liveModel + ")");
        };
    }

    private static String systemPrompt(String file, RepoRef defaultRepo) {
        if (file == null || file.isBlank()) {
            return SystemPrompt.builtIn(defaultRepo);
        }
        try {
            Path path = Path.of(file.strip());
            if (Files.size(path) > MAX_PROMPT_BYTES) {
                throw new ConfigurationException("CHAT_SYSTEM_PROMPT_FILE is larger than 64 KiB: " + path);
            }
            String prompt = Files.readString(path);
            if (prompt.isBlank()) {
                throw new ConfigurationException("CHAT_SYSTEM_PROMPT_FILE is empty: " + path);
            }
            return prompt;
        } catch (InvalidPathException e) {
            throw new ConfigurationException("CHAT_SYSTEM_PROMPT_FILE is not a usable path: " + e.getReason());
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("CHAT_SYSTEM_PROMPT_FILE is not UTF-8 text: " + file.strip());
        } catch (IOException e) {
            throw new ConfigurationException("CHAT_SYSTEM_PROMPT_FILE cannot be read: " + file.strip()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The first executable called {@code name} in the directories of {@code PATH}. */
    static Optional<Path> onPath(String pathVariable, String name) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // not a directory name: skip it
            }
        }
        return Optional.empty();
    }
}
