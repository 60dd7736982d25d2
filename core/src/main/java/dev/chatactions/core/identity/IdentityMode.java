package dev.chatactions.core.identity;

/** How the chat container gets its own Anthropic identity. */
public enum IdentityMode {
    /** A host directory of its own, mounted into the container, where {@code claude login} keeps its credentials. */
    CONFIG_DIR("config-dir"),
    /** An API key passed through the environment: nothing on disk. */
    API_KEY("api-key");

    private final String wireName;

    IdentityMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name the CLI prints and JSON carries: {@code config-dir} or {@code api-key}. */
    public String wireName() {
        return wireName;
    }
}
