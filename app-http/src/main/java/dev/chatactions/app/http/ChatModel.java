package dev.chatactions.app.http;

import dev.chatactions.adapter.claude.ClaudeSettings;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.EnvironmentVariables;
import dev.chatactions.core.conversation.ConverseLimits;
import dev.chatactions.core.conversation.SystemPrompt;
import dev.chatactions.core.conversation.demo.DemoAssistant;
import dev.chatactions.core.identity.PathResolver;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which model the chat talks to ({@code CHAT_MODEL}) and what it is told ({@code CHAT_SYSTEM_PROMPT_FILE}).
 *
 * @param kind none (only {@code POST /chat/render}), the scripted demo model, or the live {@code claude} CLI
 * @param claude how the live CLI runs (live mode), else empty
 * @param systemPrompt the built-in prompt, or the file's text
 * @param limits the turns' caps: the defaults, with the reply cap of {@code CHAT_MAX_REPLY_CHARS} when set
 */
record ChatModel(Kind kind, Optional<ClaudeSettings> claude, String systemPrompt, ConverseLimits limits) {

    enum Kind { NONE, DEMO, LIVE }

    private static final long MAX_PROMPT_BYTES = 64 * 1024;
    /** The highest reply cap allowed: 64 turns at it need some 700 MiB of heap (docs/chat.md). */
    static final long MAX_REPLY_CHARS = 1_000_000;

    /**
     * Reads {@code CHAT_MODEL}: {@code none}, {@code demo}, {@code live} (the CLI's default model) or a
     * model name for the live CLI. Unset means the live CLI when one is found ({@code CHAT_CLAUDE_BIN} or
     * {@code claude} on the PATH), else the demo model in dry-run mode; in live mode a missing CLI stops
     * start-up, so a deployment never chats with a script by accident.
     *
     * @param resolver resolves symbolic links for the check that the chat's identity is not the agents' shared dir
     * @throws ConfigurationException in one line: a missing CLI (with how to install it), a refused identity...
     */
    static ChatModel from(Map<String, String> env, RepoRef defaultRepo, boolean dryRun, PathResolver resolver) {
        String chosen = env.getOrDefault(ClaudeSettings.CHAT_MODEL, "").strip();
        String prompt = systemPrompt(env.get("CHAT_SYSTEM_PROMPT_FILE"), defaultRepo);
        ConverseLimits limits = limits(new EnvironmentVariables(env));
        if (chosen.equals("demo") || chosen.isEmpty() && dryRun && ClaudeSettings.findExecutable(env).isEmpty()) {
            return new ChatModel(Kind.DEMO, Optional.empty(), prompt, limits);
        }
        if (chosen.equals("none")) {
            return new ChatModel(Kind.NONE, Optional.empty(), prompt, limits);
        }
        Map<String, String> claudeEnv = new HashMap<>(env);
        if (chosen.isEmpty() || chosen.equals("live")) {
            claudeEnv.remove(ClaudeSettings.CHAT_MODEL); // the CLI's default model: no --model
        }
        return new ChatModel(Kind.LIVE, Optional.of(ClaudeSettings.fromEnvironment(claudeEnv, resolver)), prompt, limits);
    }

    /** The defaults, or a longer or shorter reply cap; a longer one needs a larger heap (docs/chat.md). */
    private static ConverseLimits limits(EnvironmentVariables vars) {
        ConverseLimits defaults = ConverseLimits.defaults();
        return vars.positiveLong("CHAT_MAX_REPLY_CHARS").map(chars -> {
            if (chars > MAX_REPLY_CHARS) {
                throw new ConfigurationException("CHAT_MAX_REPLY_CHARS must be at most " + MAX_REPLY_CHARS + ", got " + chars);
            }
            return defaults.withMaxReplyChars(chars.intValue());
        }).orElse(defaults);
    }

    /** How the page names the model. */
    String label() {
        return switch (kind) {
            case NONE -> "no model";
            case DEMO -> DemoAssistant.LABEL;
            case LIVE -> "Claude" + claude.flatMap(ClaudeSettings::model).map(model -> " (" + model + ")").orElse("");
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
}
