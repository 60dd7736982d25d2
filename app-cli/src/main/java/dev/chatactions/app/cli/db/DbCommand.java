package dev.chatactions.app.cli.db;

import picocli.CommandLine.Command;

/** {@code chat-actions db}: the PostgreSQL store. */
@Command(
        name = "db",
        description = "Look after the PostgreSQL store (CHAT_DATABASE_URL, CHAT_DATABASE_USER, CHAT_DATABASE_PASSWORD).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            DbMigrateCommand.class,
        })
public final class DbCommand {

    private DbCommand() {
    }
}
