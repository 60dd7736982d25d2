package dev.chatactions.core.conversation;

import dev.chatactions.core.action.RepoRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in system prompt: it teaches the model the marker grammar, the three action types and
 * their fields, and the configured default repository. An operator's own prompt
 * ({@code CHAT_SYSTEM_PROMPT_FILE}, read by the app) replaces it whole.
 */
public final class SystemPrompt {

    static final String RESOURCE = "system-prompt.md";
    private static final String DEFAULT_REPO = "{{DEFAULT_REPO}}";

    private SystemPrompt() {}

    /** The built-in prompt for a deployment whose default repository is {@code defaultRepo}. */
    public static String builtIn(RepoRef defaultRepo) {
        return template().replace(DEFAULT_REPO, defaultRepo.fullName());
    }

    static String template() {
        try (InputStream in = SystemPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in system prompt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
