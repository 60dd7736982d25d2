package dev.chatactions.app.cli.db;

import dev.chatactions.adapter.postgres.PostgresStore;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliHistory;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.core.port.HistoryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "migrate",
        description = {
            "Brings the database's schema up to date: applies the migrations it lacks (Flyway, in order, each once) and "
                    + "says the version it is at. The server does the same at start-up; run this first to see it done, or "
                    + "when the server's database role may not change the schema.",
            "Needs CHAT_DATABASE_URL (a jdbc:postgresql: URL) and, unless the URL carries them, CHAT_DATABASE_USER and "
                    + "CHAT_DATABASE_PASSWORD. The password is never printed."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  CHAT_DATABASE_URL=jdbc:postgresql://127.0.0.1/chat CHAT_DATABASE_USER=chat CHAT_DATABASE_PASSWORD=... \\",
            "    chat-actions db migrate",
        })
final class DbMigrateCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private OutputOption output;

    DbMigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PostgresStore.Migration migration;
        try (PostgresStore store = CliHistory.requireDatabase(context, "db migrate")) {
            migration = store.migrate();
        } catch (HistoryException e) {
            throw CliHistory.failed(e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", migration.version());
        json.put("applied", migration.applied());
        output.print(context.out(), json, out -> out.println(migration.applied() == 0
                ? "schema is up to date (version " + migration.version() + ")"
                : "applied " + migration.applied() + " migration(s): schema at version " + migration.version()));
        return ExitCodes.OK;
    }
}
