package dev.chatactions.app.cli.identity;

import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.core.identity.AbsolutePath;
import dev.chatactions.core.identity.IdentityEnvironment;
import dev.chatactions.core.identity.IdentityPlan;
import dev.chatactions.core.identity.Mount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "init",
        description = {
            "On the host: create chat's own identity dir (mode 0700, with config/ and config/credentials/) "
                    + "and run 'claude login' with CLAUDE_CONFIG_DIR pointing into it. Asks first unless --yes.",
            "An existing dir is kept as it is. With ANTHROPIC_API_KEY set there is nothing to create."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions identity init",
            "  CHAT_CLAUDE_DIR=/srv/chat/claude chat-actions identity init --yes",
        })
final class IdentityInitCommand implements Callable<Integer> {

    private static final String QUESTION = "Use separate Anthropic identity for chat? (y/N) ";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final CliContext context;

    @Option(names = {"-y", "--yes"}, description = "Answer yes to the question (for scripts).")
    private boolean yes;

    IdentityInitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = context.out();
        IdentityPlan plan = IdentityCommand.requirePlan(context);
        Optional<Mount> mount = plan.mount();
        if (mount.isEmpty()) {
            out.println("ANTHROPIC_API_KEY is set: chat uses the API key, there is nothing to create."
                    + " Next: chat-actions identity compose");
            return ExitCodes.OK;
        }
        if (!yes && !confirmed()) {
            out.println("Nothing changed. Run 'chat-actions identity init' again when you want chat's own identity.");
            return ExitCodes.OK;
        }
        AbsolutePath hostDir = mount.get().host();
        for (AbsolutePath dir : List.of(hostDir, hostDir.resolve(IdentityPlan.CONFIG), hostDir.resolve(IdentityPlan.CREDENTIALS))) {
            out.println(createPrivateDir(Path.of(dir.value())));
        }
        login(hostDir);
        return ExitCodes.OK;
    }

    private boolean confirmed() throws IOException {
        context.out().print(QUESTION);
        context.out().flush();
        String answer = context.in().readLine();
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }

    /** Creates {@code dir} with mode 0700, or keeps it as it is; says which. */
    private static String createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return "kept    " + dir + " (exists)";
        }
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new OperationFailedException(dir + " exists but is not a directory", e);
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have taken bits away, never added
        return "created " + dir + " (mode 0700)";
    }

    private void login(AbsolutePath hostDir) throws IOException, InterruptedException {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put(IdentityEnvironment.CLAUDE_CONFIG_DIR, hostDir.resolve(IdentityPlan.CONFIG).value());
        identity.put(IdentityEnvironment.CLAUDE_CREDENTIALS_DIR, hostDir.resolve(IdentityPlan.CREDENTIALS).value());
        StringBuilder manualLogin = new StringBuilder();
        identity.forEach((name, value) -> manualLogin.append(name).append('=').append(value).append(' '));
        manualLogin.append("claude login");

        Optional<Path> claude = findOnPath("claude");
        if (claude.isEmpty()) {
            context.out().println("claude is not on the PATH. To finish later, install Claude Code and run:");
            context.out().println("  " + manualLogin);
            return;
        }
        context.out().println("Running: " + manualLogin);
        context.out().flush();
        Map<String, String> environment = new HashMap<>(context.environment());
        environment.putAll(identity);
        int status = context.processes().run(List.of(claude.get().toString(), "login"), environment);
        if (status != 0) {
            throw new OperationFailedException("claude login exited with status " + status + "; to try again run: " + manualLogin);
        }
        context.out().println("Done. Next: chat-actions identity compose");
    }

    /** The first executable {@code name} in the context's PATH. */
    private Optional<Path> findOnPath(String name) {
        String path = context.environment().getOrDefault("PATH", "");
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }
}
