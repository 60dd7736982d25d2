package dev.chatactions.app.cli.history;

import picocli.CommandLine.Command;

/** {@code chat-actions history}: audit the NDJSON history files. */
@Command(
        name = "history",
        description = "Audit the history: prove a file is intact, or read it as a table; move it between the files and "
                + "the PostgreSQL store.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            HistoryVerifyCommand.class,
            HistoryShowCommand.class,
            HistoryExportCommand.class,
            HistoryImportCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions history verify chat-history/*/*.ndjson",
            "  chat-actions history show chat-history/alice/actions.ndjson --status failed",
            "  chat-actions history import chat-history",
        })
public final class HistoryCommand {

    private HistoryCommand() {
    }
}
