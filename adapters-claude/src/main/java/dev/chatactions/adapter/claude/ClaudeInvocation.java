package dev.chatactions.adapter.claude;

import dev.chatactions.core.identity.IdentityEnvironment;
import dev.chatactions.core.port.AssistantRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of one turn's {@code claude} process. Every option is written
 * {@code --name=value}, so no value (a prompt, a model name) can be read as another option; the
 * message itself goes through stdin, never the command line.
 */
final class ClaudeInvocation {

    /**
     * Keeps the CLI from auto-updating, reporting and looking up hosts other than the API's, and
     * bounds its retries of a failed API request (default 10, minutes of back-off) so that a
     * person waiting hears "overloaded, try again" within seconds.
     */
    static final Map<String, String> FIXED = Map.of(
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
            "DISABLE_TELEMETRY", "1",
            "CLAUDE_CODE_MAX_RETRIES", "2");

    private ClaudeInvocation() {}

    static List<String> command(ClaudeSettings settings, AssistantRequest request) {
        List<String> command = new ArrayList<>(List.of(
                settings.executable().toString(),
                "--print",
                "--output-format=stream-json",
                "--verbose",
                "--include-partial-messages",
                (request.resume() ? "--resume=" : "--session-id=") + request.modelSession(),
                // No built-in tool and no MCP server: the chat's model talks and proposes, it runs nothing.
                "--tools=",
                "--strict-mcp-config",
                "--append-system-prompt=" + request.systemPrompt()));
        settings.model().ifPresent(model -> command.add("--model=" + model));
        return Collections.unmodifiableList(command);
    }

    /** Built from nothing: the process never inherits a variable of ours (FORGE_TOKEN and the like). */
    static Map<String, String> environment(ClaudeSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", settings.path());
        env.put(IdentityEnvironment.HOME, settings.home());
        env.put("LANG", settings.lang());
        env.putAll(FIXED);
        ClaudeSettings.Identity identity = settings.identity();
        identity.configDir().ifPresent(dir -> {
            env.put(IdentityEnvironment.CLAUDE_CONFIG_DIR, dir.toString());
            env.put(IdentityEnvironment.CLAUDE_CREDENTIALS_DIR, dir.resolve("credentials").toString());
        });
        identity.apiKey().ifPresent(key -> env.put(IdentityEnvironment.ANTHROPIC_API_KEY, key.reveal()));
        settings.baseUrl().ifPresent(url -> env.put(ClaudeSettings.ANTHROPIC_BASE_URL, url.toString()));
        settings.model().ifPresent(model -> env.put("ANTHROPIC_MODEL", model));
        return env;
    }
}
