package dev.chatactions.core.identity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps chat's identity away from the agents' shared Claude credentials: two containers refreshing
 * the same OAuth token log each other out. A path conflicts when it is the shared dir, is inside it
 * or contains it, as written or after resolving {@code ..} and symbolic links.
 */
public final class SharedDirGuard {

    private final String sharedDir;
    private final PathResolver resolver;

    /** @param sharedDir the agents' shared dir as configured; a relative one makes every path conflict */
    public SharedDirGuard(String sharedDir, PathResolver resolver) {
        this.sharedDir = Objects.requireNonNull(sharedDir, "sharedDir");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The guard for {@code ${DISINTO_CLAUDE_SHARED_DIR:-/var/lib/disinto/claude-shared}}. */
    public static SharedDirGuard fromEnvironment(Map<String, String> environment, PathResolver resolver) {
        String configured = IdentityEnvironment.value(environment, IdentityEnvironment.DISINTO_CLAUDE_SHARED_DIR);
        return new SharedDirGuard(configured == null ? IdentityEnvironment.DEFAULT_SHARED_DIR : configured, resolver);
    }

    /**
     * Why {@code path} may not hold chat's identity, as one phrase that starts with the path, e.g.
     * "/srv/x (resolves to /var/lib/disinto/claude-shared/x) is inside the agents' shared Claude dir
     * /var/lib/disinto/claude-shared"; empty when it may.
     */
    public Optional<String> conflict(AbsolutePath path) {
        if (!AbsolutePath.isAbsolute(sharedDir)) {
            return Optional.of(path + " cannot be checked: the agents' shared Claude dir \"" + sharedDir
                    + "\" (from " + IdentityEnvironment.DISINTO_CLAUDE_SHARED_DIR + ") is not an absolute path");
        }
        AbsolutePath shared = AbsolutePath.of(sharedDir);
        List<AbsolutePath> candidates = List.of(path, resolver.realPath(path));
        List<AbsolutePath> forbidden = List.of(shared, resolver.realPath(shared));
        for (AbsolutePath candidate : candidates) {
            for (AbsolutePath sharedForm : forbidden) {
                Optional<String> relation = relation(candidate, sharedForm);
                if (relation.isPresent()) {
                    return Optional.of(describe(path, candidate) + " " + relation.get()
                            + " the agents' shared Claude dir " + describe(shared, sharedForm));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(AbsolutePath written, AbsolutePath resolved) {
        return written.equals(resolved) ? written.toString() : written + " (resolves to " + resolved + ")";
    }

    private static Optional<String> relation(AbsolutePath candidate, AbsolutePath shared) {
        if (candidate.equals(shared)) {
            return Optional.of("is");
        }
        if (candidate.isSameOrInside(shared)) {
            return Optional.of("is inside");
        }
        if (shared.isSameOrInside(candidate)) {
            return Optional.of("contains");
        }
        return Optional.empty();
    }
}
