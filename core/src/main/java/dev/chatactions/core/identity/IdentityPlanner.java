package dev.chatactions.core.identity;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, from the environment alone, how the chat container gets an Anthropic identity of its
 * own (DESIGN.md "Chat identity"):
 * <ul>
 *   <li>{@code ANTHROPIC_API_KEY} set: api-key mode, nothing mounted, the key passed by reference;</li>
 *   <li>else config-dir mode: {@code ${CHAT_CLAUDE_DIR:-$HOME/.claude-chat}} mounted at
 *       {@link IdentityPlan#CONTAINER_DIR};</li>
 *   <li>refused when that dir is not absolute, or is, is inside or contains the agents' shared dir
 *       ({@code ${DISINTO_CLAUDE_SHARED_DIR:-/var/lib/disinto/claude-shared}}), as written or resolved.</li>
 * </ul>
 */
public final class IdentityPlanner {

    private static final String HOW_TO_FIX =
            "; set CHAT_CLAUDE_DIR to an absolute directory of chat's own, or set ANTHROPIC_API_KEY";

    private final PathResolver resolver;

    public IdentityPlanner(PathResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public IdentityOutcome plan(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        if (IdentityEnvironment.value(environment, IdentityEnvironment.ANTHROPIC_API_KEY) != null) {
            return IdentityPlan.apiKey();
        }
        String hostDir = IdentityEnvironment.value(environment, IdentityEnvironment.CHAT_CLAUDE_DIR);
        String source = IdentityEnvironment.CHAT_CLAUDE_DIR;
        if (hostDir == null) {
            String home = IdentityEnvironment.value(environment, IdentityEnvironment.HOME);
            if (home == null) {
                return new IdentityRefusal("chat identity dir unknown: neither CHAT_CLAUDE_DIR nor HOME is set" + HOW_TO_FIX);
            }
            hostDir = home + "/.claude-chat";
            source = IdentityEnvironment.HOME;
        }
        if (!AbsolutePath.isAbsolute(hostDir)) {
            return new IdentityRefusal("chat identity dir \"" + hostDir + "\" (from " + source
                    + ") is not an absolute path" + HOW_TO_FIX);
        }
        AbsolutePath host = AbsolutePath.of(hostDir);
        Optional<String> conflict = SharedDirGuard.fromEnvironment(environment, resolver).conflict(host);
        if (conflict.isPresent()) {
            return new IdentityRefusal("chat identity dir " + conflict.get()
                    + ": two containers refreshing one OAuth login log each other out" + HOW_TO_FIX);
        }
        return IdentityPlan.configDir(host);
    }
}
