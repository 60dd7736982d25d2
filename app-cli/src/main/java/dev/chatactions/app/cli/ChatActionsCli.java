package dev.chatactions.app.cli;

import dev.chatactions.app.cli.action.ParseCommand;
import dev.chatactions.app.cli.action.ReplayCommand;
import dev.chatactions.app.cli.action.RunCommand;
import dev.chatactions.app.cli.db.DbCommand;
import dev.chatactions.app.cli.history.HistoryCommand;
import dev.chatactions.app.cli.identity.IdentityCommand;
import java.lang.reflect.Constructor;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code chat-actions} command. A new subcommand is one class plus one line in
 * {@code subcommands} below: a picocli {@code @Command} implementing {@code Callable<Integer>},
 * with a constructor taking the {@link CliContext} (its streams and environment), a
 * {@code @Mixin OutputOption} if it prints data, and {@link OperationFailedException} for failures.
 * Help, {@code --version}, {@code --verbose}, exit codes and error lines come from here.
 */
@Command(
        name = "chat-actions",
        // Every subcommand inherits the attributes below (version provider, exit code list).
        scope = ScopeType.INHERIT,
        versionProvider = ChatActionsCli.ManifestVersion.class,
        description = "Chat-proposed, person-approved actions on a Forgejo forge and Woodpecker CI.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            ParseCommand.class,
            RunCommand.class,
            ReplayCommand.class,
            HistoryCommand.class,
            DbCommand.class,
            IdentityCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions parse reply.md",
            "  chat-actions run issue-create --payload '{\"title\":\"Flaky test\"}'",
            "  chat-actions replay chat-history/alice/actions.ndjson --execute",
            "  chat-actions history verify chat-history/*/*.ndjson",
            "  chat-actions identity init",
            "  chat-actions run --help      # more about one command",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the operation failed (the error is one line on stderr)",
            "2:usage error (unknown option, missing or bad argument)",
        })
public final class ChatActionsCli {

    // Our own help and version options, not picocli's standard mixin: that one needs ${...}
    // interpolation, which reads the real environment, and help text here is literal.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, scope = ScopeType.INHERIT,
            description = "Print the version and exit.")
    private boolean version;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show the stack trace behind an error.")
    private boolean verbose;

    /** Held, so that its level stays set (the logging keeps loggers only weakly). */
    private static final Logger SCHEMA_MIGRATIONS_LOG = Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        // The database libraries' chatter (Flyway's progress, the pool's logging facade without a backend)
        // would break stderr's one line per error; their failures still reach the command as exceptions.
        SCHEMA_MIGRATIONS_LOG.setLevel(Level.WARNING);
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        CliContext context = CliContext.system();
        int exitCode = commandLine(context).execute(args);
        context.out().flush();
        context.err().flush();
        System.exit(exitCode);
    }

    /** The whole command tree, wired to {@code context}; {@code execute(args)} returns the exit code. */
    public static CommandLine commandLine(CliContext context) {
        ErrorReporter errors = new ErrorReporter(context);
        return new CommandLine(ChatActionsCli.class, new ContextFactory(context))
                // Help text is literal: picocli's ${...} would read the real environment (and could print a token).
                .setInterpolateVariables(false)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // "--payload @file" is ours to read: picocli would otherwise splice the file in as arguments.
                .setExpandAtFiles(false)
                .setOut(context.out())
                .setErr(context.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    boolean verbose() {
        return verbose;
    }

    /** {@code chat-actions VERSION}, from the jar manifest ("dev" when run from classes). */
    static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ChatActionsCli.class.getPackage().getImplementationVersion();
            return new String[] {"chat-actions " + (version == null ? "dev" : version)};
        }
    }

    /** Hands the context to every command whose constructor asks for it. */
    private record ContextFactory(CliContext context) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException noContext) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
