package dev.chatactions.core.identity;

import java.util.Map;

/** The environment variables chat identity reads and sets. */
public final class IdentityEnvironment {

    public static final String HOME = "HOME";
    /** The host identity dir; default {@code $HOME/.claude-chat}. */
    public static final String CHAT_CLAUDE_DIR = "CHAT_CLAUDE_DIR";
    public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
    /** Where the factory agents keep their shared Claude credentials; default {@link #DEFAULT_SHARED_DIR}. */
    public static final String DISINTO_CLAUDE_SHARED_DIR = "DISINTO_CLAUDE_SHARED_DIR";
    public static final String DEFAULT_SHARED_DIR = "/var/lib/disinto/claude-shared";
    public static final String CLAUDE_CONFIG_DIR = "CLAUDE_CONFIG_DIR";
    public static final String CLAUDE_CREDENTIALS_DIR = "CLAUDE_CREDENTIALS_DIR";

    private IdentityEnvironment() {
    }

    /** The variable's value, or null when it is unset or empty (shell {@code ${NAME:-...}} semantics). */
    public static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
