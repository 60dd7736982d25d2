package dev.chatactions.app.cli.identity;

import dev.chatactions.adapter.claude.FileSystemPathResolver;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.core.identity.IdentityOutcome;
import dev.chatactions.core.identity.IdentityPlan;
import dev.chatactions.core.identity.IdentityPlanner;
import dev.chatactions.core.identity.IdentityRefusal;
import picocli.CommandLine.Command;

/** {@code chat-actions identity}: the chat model's own Anthropic identity (DESIGN.md "Chat identity"). */
@Command(
        name = "identity",
        description = {
            "The chat model's own Anthropic identity, never the agents' shared credentials "
                    + "(two containers refreshing one OAuth login log each other out).",
            "Config-dir mode (default): a host dir ${CHAT_CLAUDE_DIR:-$HOME/.claude-chat} "
                    + "mounted at /home/chat/.claude-chat.",
            "API-key mode (when ANTHROPIC_API_KEY is set, recommended on shared hardware): "
                    + "nothing mounted, the key passed by reference."
        },
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            IdentityPlanCommand.class,
            IdentityInitCommand.class,
            IdentityComposeCommand.class,
            IdentityCheckCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions identity init       # on the host: create the dir, log in",
            "  chat-actions identity compose > compose.identity.yml",
            "  chat-actions identity plan -o json",
            "  chat-actions identity check      # inside the chat container",
        })
public final class IdentityCommand {

    private IdentityCommand() {
    }

    /** The plan for the context's environment; a refusal becomes the command's one-line error. */
    static IdentityPlan requirePlan(CliContext context) {
        IdentityOutcome outcome = new IdentityPlanner(new FileSystemPathResolver()).plan(context.environment());
        return switch (outcome) {
            case IdentityPlan plan -> plan;
            case IdentityRefusal refusal -> throw new OperationFailedException(refusal.message());
        };
    }
}
