package dev.chatactions.app.cli.action;

import dev.chatactions.app.cli.CliContext;
import dev.chatactions.app.cli.CliJson;
import dev.chatactions.app.cli.CliWiring;
import dev.chatactions.app.cli.ExitCodes;
import dev.chatactions.app.cli.OperationFailedException;
import dev.chatactions.app.cli.UpstreamOptions;
import dev.chatactions.core.conversation.AssistantTextReview;
import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.policy.ActionPolicy;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "parse",
        description = {
            "Prints the action markers in assistant text as JSON, with the policy's decision.",
            "",
            "Finds the action markers in assistant text and prints a JSON array, one object per marker in "
                    + "text order: start and end (UTF-16 offsets, end exclusive), type, valid, payload (null when "
                    + "invalid), error (null when valid), and the policy's decision: allowed and reasons.",
            "",
            "A marker is <action type=\"NAME\">{...JSON object...}</action>. NAME is [a-z][a-z0-9-]*, quoted with "
                    + "\" or '. The JSON is read strictly (no duplicate keys, comments or trailing text; at most "
                    + "64 KiB); a </action> inside a JSON string does not close the marker. Markers in fenced "
                    + "code blocks or inline code are examples and not reported. At most 32 markers per text; "
                    + "a broken marker is reported as invalid and parsing goes on after its opening tag.",
            "",
            "The policy allows ci-run, issue-create and pr-create on FORGE_OWNER/FORGE_REPO (from the environment).",
            "Exit 0 when the text was read, whatever the markers; 1 when it could not be read."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  chat-actions parse reply.md",
            "  echo '<action type=\"issue-create\">{\"title\":\"Flaky test\"}</action>' | chat-actions parse",
            "  chat-actions parse - < reply.md | jq '.[] | select(.allowed)'",
        })
public final class ParseCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The text to read (UTF-8); - or nothing for stdin.")
    private String file;

    ParseCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String text = file == null || file.equals("-") ? stdin() : read(Path.of(file));
        ActionPolicy policy = CliWiring.policy(UpstreamOptions.load(repositoryOnly(context.environment())));
        List<Map<String, Object>> markers = AssistantTextReview.deciding(policy).review(null, null, text).stream()
                .map(ParseCommand::describe)
                .toList();
        context.out().println(CliJson.indented(markers));
        context.out().flush();
        return ExitCodes.OK;
    }

    /** Parsing needs only the repository: a half-configured forge must not stop it. */
    private static Map<String, String> repositoryOnly(Map<String, String> environment) {
        Map<String, String> repository = new HashMap<>();
        for (String name : List.of("FORGE_OWNER", "FORGE_REPO")) {
            if (environment.containsKey(name)) {
                repository.put(name, environment.get(name));
            }
        }
        return repository;
    }

    private static Map<String, Object> describe(MarkerReview review) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", review.start());
        json.put("end", review.end());
        json.put("type", review.type());
        if (review instanceof MarkerReview.Broken broken) {
            json.put("valid", false);
            json.put("payload", null);
            json.put("error", broken.reason());
            json.put("allowed", false);
            json.put("reasons", List.of(broken.reason()));
            return json;
        }
        json.put("valid", true);
        json.put("payload", (review instanceof MarkerReview.Refused refused
                ? refused.payload() : ((MarkerReview.Offered) review).payload()).fields());
        json.put("error", null);
        json.put("allowed", review instanceof MarkerReview.Offered);
        json.put("reasons", review instanceof MarkerReview.Refused refused ? refused.reasons() : List.of());
        return json;
    }

    private String stdin() {
        StringWriter text = new StringWriter();
        try {
            context.in().transferTo(text);
        } catch (IOException e) {
            throw new OperationFailedException("cannot read stdin: " + e.getMessage(), e);
        }
        return text.toString();
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new OperationFailedException("cannot read " + path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new OperationFailedException("cannot read " + path + ": permission denied", e);
        } catch (CharacterCodingException e) {
            throw new OperationFailedException("cannot read " + path + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new OperationFailedException("cannot read " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }
}
