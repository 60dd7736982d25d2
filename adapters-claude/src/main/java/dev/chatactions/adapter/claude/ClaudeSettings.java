package dev.chatactions.adapter.claude;

import dev.chatactions.core.config.ConfigurationException;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.config.SettingChecks;
import dev.chatactions.core.identity.AbsolutePath;
import dev.chatactions.core.identity.IdentityEnvironment;
import dev.chatactions.core.identity.IdentityMode;
import dev.chatactions.core.identity.IdentityPlan;
import dev.chatactions.core.identity.IdentityPlanner;
import dev.chatactions.core.identity.IdentityRefusal;
import dev.chatactions.core.identity.PathResolver;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the chat's model runs: which {@code claude}, with which identity, model and limits.
 *
 * @param executable the Claude Code CLI ({@code CHAT_CLAUDE_BIN}, else {@code claude} on {@code PATH})
 * @param model {@code CHAT_MODEL}: passed as {@code --model}; empty for the CLI's default
 * @param baseUrl {@code ANTHROPIC_BASE_URL}: where the CLI sends its API requests; empty for Anthropic's
 * @param identity the chat's own Anthropic identity, from the identity planner
 * @param home {@code HOME} for the CLI (its sessions live there, or in the config dir)
 * @param path {@code PATH} for the CLI
 * @param lang {@code LANG} for the CLI
 * @param limits time and size limits of one turn
 * @param workRoot where each turn's private, empty working directory is made
 */
public record ClaudeSettings(
        Path executable,
        Optional<String> model,
        Optional<URI> baseUrl,
        Identity identity,
        String home,
        String path,
        String lang,
        Limits limits,
        Path workRoot) {

    public static final String CLAUDE_BIN = "CHAT_CLAUDE_BIN";
    public static final String CHAT_MODEL = "CHAT_MODEL";
    public static final String ANTHROPIC_BASE_URL = "ANTHROPIC_BASE_URL";
    public static final String FIRST_BYTE_SECONDS = "CHAT_MODEL_FIRST_BYTE_SECONDS";
    public static final String SILENCE_SECONDS = "CHAT_MODEL_SILENCE_SECONDS";
    public static final String TURN_SECONDS = "CHAT_MODEL_TURN_SECONDS";
    /** The version the project tests against and the image installs. */
    public static final String CLI_PACKAGE = "@anthropic-ai/claude-code@2.1.332";

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final String DEFAULT_LANG = "C.UTF-8";
    /** Model names and aliases: {@code sonnet}, {@code claude-opus-4-1}, {@code claude-sonnet-4-5[1m]}. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/\\[\\]-]{0,127}");

    public ClaudeSettings {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(workRoot, "workRoot");
    }

    /**
     * Reads the settings from {@code env} (typically {@code System.getenv()}).
     *
     * @param resolver resolves symbolic links for the identity planner's shared-dir check
     * @throws ConfigurationException in one line naming the bad setting; a refused identity or a
     *     missing {@code claude} (with how to install it) too
     */
    public static ClaudeSettings fromEnvironment(Map<String, String> env, PathResolver resolver) {
        Identity identity = Identity.plan(env, resolver);
        String home = IdentityEnvironment.value(env, IdentityEnvironment.HOME);
        if (home == null || !AbsolutePath.isAbsolute(home)) {
            throw new ConfigurationException("HOME must be an absolute directory for the claude CLI (it keeps its sessions there)");
        }
        String path = pathOf(env);
        Limits limits = new Limits(
                seconds(env, FIRST_BYTE_SECONDS, Limits.DEFAULT.firstByte()),
                seconds(env, SILENCE_SECONDS, Limits.DEFAULT.silence()),
                seconds(env, TURN_SECONDS, Limits.DEFAULT.turn()),
                Limits.DEFAULT.maxReplyBytes(),
                Limits.DEFAULT.maxLineBytes());
        Path executable = findExecutable(env).orElseThrow(() -> new ConfigurationException(missingCliMessage("on PATH")));
        return new ClaudeSettings(executable, model(env), baseUrl(env), identity, home, path,
                Optional.ofNullable(IdentityEnvironment.value(env, "LANG")).orElse(DEFAULT_LANG), limits,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The one line a missing CLI gets: what is missing and how to install it. */
    private static String missingCliMessage(String where) {
        return "claude (the Claude Code CLI) was not found " + where + "; install it with `npm install -g "
                + CLI_PACKAGE + "` (bin/test installs it into .tools/claude), set " + CLAUDE_BIN
                + " to its path, or set CHAT_MODEL=demo to chat with the demo model";
    }

    /**
     * The CLI this environment names: {@code CHAT_CLAUDE_BIN}, else {@code claude} on {@code PATH};
     * empty when there is none, so that a caller may fall back to another model.
     *
     * @throws ConfigurationException when {@code CHAT_CLAUDE_BIN} is set but is not an executable file
     */
    public static Optional<Path> findExecutable(Map<String, String> env) {
        String configured = IdentityEnvironment.value(env, CLAUDE_BIN);
        if (configured != null) {
            Path file = Path.of(configured);
            if (!file.isAbsolute() || !Files.isRegularFile(file) || !Files.isExecutable(file)) {
                throw new ConfigurationException(missingCliMessage("at " + CLAUDE_BIN + "=" + shorten(configured)));
            }
            return Optional.of(file);
        }
        for (String dir : pathOf(env).split(File.pathSeparator)) {
            if (!dir.isEmpty() && AbsolutePath.isAbsolute(dir)) {
                Path candidate = Path.of(dir, "claude");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String pathOf(Map<String, String> env) {
        return Optional.ofNullable(IdentityEnvironment.value(env, "PATH")).orElse(DEFAULT_PATH);
    }

    private static Optional<String> model(Map<String, String> env) {
        String model = IdentityEnvironment.value(env, CHAT_MODEL);
        if (model == null) {
            return Optional.empty();
        }
        if (!MODEL_NAME.matcher(model).matches()) {
            throw new ConfigurationException(CHAT_MODEL + " must be a model name like sonnet or claude-sonnet-4-5, got \""
                    + shorten(model) + "\"");
        }
        return Optional.of(model);
    }

    private static Optional<URI> baseUrl(Map<String, String> env) {
        String text = IdentityEnvironment.value(env, ANTHROPIC_BASE_URL);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SettingChecks.baseUrl(new URI(text.strip()), ANTHROPIC_BASE_URL));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ConfigurationException(e instanceof URISyntaxException
                    ? ANTHROPIC_BASE_URL + " must be an absolute http(s) URL, like https://api.anthropic.com"
                    : e.getMessage());
        }
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String text = IdentityEnvironment.value(env, name);
        if (text == null) {
            return fallback;
        }
        if (text.strip().matches("[0-9]{1,5}") && Integer.parseInt(text.strip()) >= 1) {
            return Duration.ofSeconds(Integer.parseInt(text.strip()));
        }
        throw new ConfigurationException(name + " must be a number of seconds 1-99999, got \"" + shorten(text) + "\"");
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /**
     * The chat's own Anthropic identity, as the CLI process gets it.
     *
     * @param mode config-dir or api-key
     * @param configDir in config-dir mode, {@code CLAUDE_CONFIG_DIR} (the identity dir's {@code config})
     * @param apiKey in api-key mode, {@code ANTHROPIC_API_KEY}
     */
    public record Identity(IdentityMode mode, Optional<AbsolutePath> configDir, Optional<Secret> apiKey) {

        public Identity {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(configDir, "configDir");
            Objects.requireNonNull(apiKey, "apiKey");
            if (configDir.isPresent() != (mode == IdentityMode.CONFIG_DIR) || apiKey.isPresent() != (mode == IdentityMode.API_KEY)) {
                throw new IllegalArgumentException("a config-dir identity has a config dir, an api-key identity a key");
            }
        }

        public static Identity configDir(AbsolutePath configDir) {
            return new Identity(IdentityMode.CONFIG_DIR, Optional.of(configDir), Optional.empty());
        }

        public static Identity apiKey(Secret key) {
            return new Identity(IdentityMode.API_KEY, Optional.empty(), Optional.of(key));
        }

        /**
         * The identity {@code chat-actions identity plan} chooses for {@code env}; an identity dir in
         * the agents' shared Claude dir is refused with the planner's one line.
         */
        static Identity plan(Map<String, String> env, PathResolver resolver) {
            var outcome = new IdentityPlanner(resolver).plan(env);
            if (outcome instanceof IdentityRefusal refusal) {
                throw new ConfigurationException(refusal.message());
            }
            IdentityPlan plan = (IdentityPlan) outcome;
            if (plan.mode() == IdentityMode.API_KEY) {
                String name = IdentityEnvironment.ANTHROPIC_API_KEY;
                try {
                    return apiKey(Secret.of(env.get(name), name));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(e.getMessage());
                }
            }
            // The plan's environment names the container's paths; this process may run on the host.
            return configDir(plan.mount().orElseThrow().host().resolve(IdentityPlan.CONFIG));
        }
    }

    /**
     * What one turn may take.
     *
     * @param firstByte until the model's reply starts (the CLI's own status and retry lines do not count)
     * @param silence the longest pause between two output lines after that
     * @param turn the whole turn
     * @param maxReplyBytes reply text (UTF-8) beyond this ends the turn as failed
     * @param maxLineBytes one output line beyond this ends the turn as failed (the line is dropped unread)
     */
    public record Limits(Duration firstByte, Duration silence, Duration turn, int maxReplyBytes, int maxLineBytes) {

        public static final Limits DEFAULT =
                new Limits(Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofMinutes(5), 256 * 1024, 1024 * 1024);

        public Limits {
            for (Duration limit : new Duration[] {firstByte, silence, turn}) {
                if (limit == null || limit.isZero() || limit.isNegative()) {
                    throw new IllegalArgumentException("time limits must be positive durations");
                }
            }
            if (maxReplyBytes < 1 || maxLineBytes < 1) {
                throw new IllegalArgumentException("size limits must be positive");
            }
        }
    }
}
