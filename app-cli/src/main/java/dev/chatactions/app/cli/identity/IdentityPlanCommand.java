package dev.chatactions.app.cli.identity;

import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OutputOption;
import dev.chatactions.core.identity.IdentityPlan;
import dev.chatactions.core.identity.Mount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "plan",
        description = {
            "Print how the chat container gets its identity: the mode, the mount (or none) and the environment.",
            "Reads HOME, CHAT_CLAUDE_DIR, ANTHROPIC_API_KEY (its value is never printed) and "
                    + "DISINTO_CLAUDE_SHARED_DIR (default /var/lib/disinto/claude-shared). Fails when the "
                    + "identity dir is, is inside or contains the agents' shared dir, or is not absolute."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions identity plan",
            "  CHAT_CLAUDE_DIR=/srv/chat/claude chat-actions identity plan -o json",
        })
final class IdentityPlanCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private OutputOption output;

    IdentityPlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        IdentityPlan plan = IdentityCommand.requirePlan(context);
        output.print(context.out(), json(plan), out -> {
            out.println("mode:  " + plan.mode().wireName());
            out.println("mount: " + plan.mount().map(m -> m.host() + " -> " + m.container()).orElse("none"));
            out.println("env:");
            plan.environment().forEach((name, value) -> out.println("  " + name + "=" + value));
        });
        return ExitCodes.OK;
    }

    /** {@code {"mode":..., "mount":{"host":...,"container":...}|null, "env":{...}}}. */
    private static Map<String, Object> json(IdentityPlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", plan.mode().wireName());
        json.put("mount", plan.mount().map(IdentityPlanCommand::json).orElse(null));
        json.put("env", plan.environment());
        return json;
    }

    private static Map<String, String> json(Mount mount) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("host", mount.host().value());
        json.put("container", mount.container().value());
        return json;
    }
}
