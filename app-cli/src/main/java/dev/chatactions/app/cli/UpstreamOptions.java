package dev.chatactions.app.cli;

import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the forge and the CI server are, for commands that may call them: the server's environment
 * variables, each overridable by a flag. Tokens come only from the environment (a flag would show in
 * {@code ps} and the shell history). Add it with {@code @Mixin UpstreamOptions upstream;}.
 */
public final class UpstreamOptions {

    /** What a command needs to reach the forge: every real action names the forge's repository. */
    public static final List<String> FORGE_VARIABLES = List.of("FORGE_URL", "FORGE_TOKEN", "FORGE_OWNER", "FORGE_REPO");
    /** What a {@code ci-run} needs besides the forge variables. */
    public static final List<String> CI_VARIABLES = List.of("WOODPECKER_SERVER", "WOODPECKER_TOKEN");

    @Option(names = "--forge-url", paramLabel = "URL", description = "The forge's root (default: FORGE_URL).")
    private String forgeUrl;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", converter = RepoConverter.class,
            description = "The repository actions go to (default: FORGE_OWNER/FORGE_REPO).")
    private RepoRef repo;

    @Option(names = "--woodpecker-server", paramLabel = "URL",
            description = "The Woodpecker server's root (default: WOODPECKER_SERVER).")
    private String woodpeckerServer;

    /** {@code environment} with the flags laid over it. */
    public Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(environment);
        if (forgeUrl != null) {
            merged.put("FORGE_URL", forgeUrl);
        }
        if (repo != null) {
            merged.put("FORGE_OWNER", repo.owner());
            merged.put("FORGE_REPO", repo.name());
        }
        if (woodpeckerServer != null) {
            merged.put("WOODPECKER_SERVER", woodpeckerServer);
        }
        return merged;
    }

    /** The command line's configuration, with the flags applied; a bad setting is the command's one-line error. */
    public CliConfig config(Map<String, String> environment) {
        return load(environment(environment));
    }

    /** The command line's configuration from {@code environment}; a bad setting is the command's one-line error. */
    public static CliConfig load(Map<String, String> environment) {
        try {
            return CliConfig.fromEnvironment(environment);
        } catch (ConfigurationException e) {
            throw new OperationFailedException(e.getMessage());
        }
    }

    /**
     * Fails with one line naming every variable that sending {@code types} (wire names) needs and
     * {@code environment} (flags applied) lacks.
     *
     * @param what the command, for the message (e.g. {@code "replay --execute"})
     */
    public void requireFor(Map<String, String> environment, Set<String> types, String what) {
        Map<String, String> merged = environment(environment);
        Set<String> needed = new LinkedHashSet<>(FORGE_VARIABLES);
        if (types.contains("ci-run")) {
            needed.addAll(CI_VARIABLES);
        }
        List<String> missing = new ArrayList<>();
        for (String name : needed) {
            String value = merged.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new OperationFailedException(what + " needs " + String.join(", ", needed) + "; not set: "
                    + String.join(", ", missing));
        }
    }

    /** {@code owner/name}, checked like FORGE_OWNER/FORGE_REPO. */
    static final class RepoConverter implements ITypeConverter<RepoRef> {
        @Override
        public RepoRef convert(String value) {
            if (!RepoRef.isValid(value)) {
                throw new TypeConversionException("expected OWNER/NAME, like factory/app, but was '" + value + "'");
            }
            return RepoRef.parse(value);
        }
    }
}
