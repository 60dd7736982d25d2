package dev.chatactions.app.cli.identity;

import com.sun.security.auth.module.UnixSystem;
import dev.chatactions.adapter.claude.FileSystemPathResolver;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.core.identity.AbsolutePath;
import dev.chatactions.core.identity.IdentityEnvironment;
import dev.chatactions.core.identity.IdentityMode;
import dev.chatactions.core.identity.IdentityPlan;
import dev.chatactions.core.identity.PathResolver;
import dev.chatactions.core.identity.SharedDirGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "check",
        description = {
            "Inside the chat container: check that CLAUDE_CONFIG_DIR and CLAUDE_CREDENTIALS_DIR resolve under "
                    + "/home/chat/.claude-chat/config and not the agents' shared dir, and that both are "
                    + "directories owned by the current user and not readable or writable by others.",
            "With only ANTHROPIC_API_KEY set there is nothing on disk to check."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  docker compose exec chat chat-actions identity check",
            "  chat-actions identity check -o json",
        })
final class IdentityCheckCommand implements Callable<Integer> {

    private static final int OTHERS_READ_OR_WRITE = 0006;

    private final CliContext context;
    private final PathResolver resolver = new FileSystemPathResolver();

    @Mixin
    private OutputOption output;

    IdentityCheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Map<String, String> environment = context.environment();
        boolean apiKeyOnly = IdentityEnvironment.value(environment, IdentityEnvironment.ANTHROPIC_API_KEY) != null
                && IdentityEnvironment.value(environment, IdentityEnvironment.CLAUDE_CONFIG_DIR) == null
                && IdentityEnvironment.value(environment, IdentityEnvironment.CLAUDE_CREDENTIALS_DIR) == null;
        IdentityMode mode = apiKeyOnly ? IdentityMode.API_KEY : IdentityMode.CONFIG_DIR;
        List<String> problems = apiKeyOnly ? List.of() : configDirProblems(environment);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", problems.isEmpty());
        json.put("mode", mode.wireName());
        json.put("problems", problems);
        output.print(context.out(), json, out -> {
            if (problems.isEmpty()) {
                out.println("ok: " + mode.wireName() + " identity"
                        + (apiKeyOnly ? " (ANTHROPIC_API_KEY set, nothing on disk)" : " in " + configRoot()));
            }
        });
        if (!problems.isEmpty()) {
            throw new OperationFailedException("identity check failed: " + String.join("; ", problems));
        }
        return ExitCodes.OK;
    }

    private AbsolutePath configRoot() {
        return AbsolutePath.of(context.containerIdentityDir().toString()).resolve(IdentityPlan.CONFIG);
    }

    private List<String> configDirProblems(Map<String, String> environment) throws IOException {
        SharedDirGuard guard = SharedDirGuard.fromEnvironment(environment, resolver);
        long currentUid = new UnixSystem().getUid();
        List<String> problems = new ArrayList<>();
        for (String name : List.of(IdentityEnvironment.CLAUDE_CONFIG_DIR, IdentityEnvironment.CLAUDE_CREDENTIALS_DIR)) {
            String value = IdentityEnvironment.value(environment, name);
            if (value == null) {
                problems.add(name + " is not set");
            } else if (!AbsolutePath.isAbsolute(value)) {
                problems.add(name + "=\"" + value + "\" is not an absolute path");
            } else {
                problems.addAll(dirProblems(name, AbsolutePath.of(value), guard, currentUid));
            }
        }
        return problems;
    }

    private List<String> dirProblems(String name, AbsolutePath dir, SharedDirGuard guard, long currentUid)
            throws IOException {
        List<String> problems = new ArrayList<>();
        guard.conflict(dir).ifPresent(conflict -> problems.add(name + "=" + conflict));
        AbsolutePath resolved = resolver.realPath(dir);
        AbsolutePath root = configRoot();
        if (!resolved.isSameOrInside(resolver.realPath(root))) {
            problems.add(name + "=" + dir + (resolved.equals(dir) ? "" : " (resolves to " + resolved + ")")
                    + " is not under " + root);
        }
        Path path = Path.of(resolved.value());
        if (!Files.isDirectory(path)) {
            problems.add(name + "=" + dir + " is not a directory");
            return problems;
        }
        int uid = (Integer) Files.getAttribute(path, "unix:uid");
        if (uid != currentUid) {
            problems.add(name + "=" + dir + " is owned by uid " + uid + ", not the current user (uid " + currentUid + ")");
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode") & 0777;
        if ((mode & OTHERS_READ_OR_WRITE) != 0) {
            problems.add(String.format("%s=%s is open to other users (mode %04o); run chmod 700 %s", name, dir, mode, dir));
        }
        return problems;
    }
}
