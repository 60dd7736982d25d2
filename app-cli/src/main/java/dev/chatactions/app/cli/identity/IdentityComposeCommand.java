package dev.chatactions.app.cli.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.core.identity.IdentityPlan;
import dev.chatactions.core.identity.Mount;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "compose",
        description = {
            "Print the chat service's Docker Compose fragment for the plan: the bind mount (config-dir mode) "
                    + "or none (api-key mode), and the environment.",
            "Secrets appear as ${NAME} references that Compose fills in from your shell or .env file. "
                    + "The mount never creates the host dir: run 'chat-actions identity init' first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions identity compose > compose.identity.yml",
            "  docker compose -f compose.yml -f compose.identity.yml up -d",
        })
final class IdentityComposeCommand implements Callable<Integer> {

    /** The service name in the deployment's compose file. */
    static final String SERVICE = "chat";

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final CliContext context;

    IdentityComposeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        IdentityPlan plan = IdentityCommand.requirePlan(context);
        context.out().println("# chat identity, " + plan.mode().wireName() + " mode (chat-actions identity compose)");
        context.out().print(yaml(Map.of("services", Map.of(SERVICE, service(plan)))));
        context.out().flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> service(IdentityPlan plan) {
        Map<String, Object> service = new LinkedHashMap<>();
        plan.mount().ifPresent(mount -> service.put("volumes", List.of(bindMount(mount))));
        service.put("environment", plan.environment());
        return service;
    }

    /** Long syntax: unlike the short one it fails on a missing host dir instead of creating it owned by root. */
    private static Map<String, Object> bindMount(Mount mount) {
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("type", "bind");
        volume.put("source", mount.host().value());
        volume.put("target", mount.container().value());
        volume.put("bind", Map.of("create_host_path", false));
        return volume;
    }

    private static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
