package dev.chatactions.core.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the chat container with an identity of its own: what to mount (if anything) and which
 * environment to set. Environment values are literal, or a {@code ${NAME}} reference for secrets,
 * so a plan never holds a key's value.
 */
public record IdentityPlan(IdentityMode mode, Optional<Mount> mount, Map<String, String> environment)
        implements IdentityOutcome {

    /** Inside an identity dir: Claude's config dir, and the credentials dir within it. */
    public static final String CONFIG = "config";
    public static final String CREDENTIALS = CONFIG + "/credentials";

    /** Where the identity dir is mounted inside the chat container. */
    public static final AbsolutePath CONTAINER_DIR = AbsolutePath.of("/home/chat/.claude-chat");
    public static final AbsolutePath CONTAINER_CONFIG_DIR = CONTAINER_DIR.resolve(CONFIG);
    public static final AbsolutePath CONTAINER_CREDENTIALS_DIR = CONTAINER_DIR.resolve(CREDENTIALS);

    public IdentityPlan {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(mount, "mount");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The identity dir {@code hostDir} mounted at {@link #CONTAINER_DIR}. */
    public static IdentityPlan configDir(AbsolutePath hostDir) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(IdentityEnvironment.CLAUDE_CONFIG_DIR, CONTAINER_CONFIG_DIR.toString());
        environment.put(IdentityEnvironment.CLAUDE_CREDENTIALS_DIR, CONTAINER_CREDENTIALS_DIR.toString());
        return new IdentityPlan(IdentityMode.CONFIG_DIR, Optional.of(new Mount(hostDir, CONTAINER_DIR)), environment);
    }

    /** No mount; the key is passed by reference, to be filled in by whoever starts the container. */
    public static IdentityPlan apiKey() {
        String key = IdentityEnvironment.ANTHROPIC_API_KEY;
        return new IdentityPlan(IdentityMode.API_KEY, Optional.empty(), Map.of(key, "${" + key + "}"));
    }
}
