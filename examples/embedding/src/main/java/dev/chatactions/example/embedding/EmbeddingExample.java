package dev.chatactions.example.embedding;

// The README's "Embedding the library" quotes this file from tag to end, unchanged
// (EmbeddingExampleTest checks it): a user pastes it as EmbeddingExample.java.
// tag::embedding[]
import dev.chatactions.adapter.forgejo.ForgejoIssueTrackerAdapter;
import dev.chatactions.adapter.history.NdjsonHistory;
import dev.chatactions.adapter.woodpecker.WoodpeckerCiAdapter;
import dev.chatactions.core.action.ActionMarkerParser;
import dev.chatactions.core.action.Marker;
import dev.chatactions.core.action.ParsedMarker;
import dev.chatactions.core.action.RepoRef;
import dev.chatactions.core.config.CiSettings;
import dev.chatactions.core.config.ForgeSettings;
import dev.chatactions.core.config.Secret;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.PolicySettings;
import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ActionService;
import dev.chatactions.core.service.ExecuteActionUseCase;
import dev.chatactions.core.service.ExecuteActionUseCase.ExecuteActionCommand;
import dev.chatactions.core.service.ExecuteActionUseCase.ProposalClaim;
import dev.chatactions.core.service.Proposal;
import dev.chatactions.core.service.ProposeActionUseCase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Wires the library by hand: Forgejo issues, Woodpecker pipelines, an NDJSON history. */
public final class EmbeddingExample {

    public static void main(String[] args) {
        String assistantText = "I can file that for you. "
                + "<action type=\"issue-create\">{\"title\":\"Flaky test in ci.yml\"}</action> "
                + "But I will not close issues: <action type=\"issue-close\">{\"number\":3}</action>";
        for (HistoryRecord record : proposeAndClick(System.getenv(), assistantText)) {
            System.out.println(record);
        }
    }

    /** Shows each allowed marker as a proposal, clicks it, and returns the conversation's history. */
    public static List<HistoryRecord> proposeAndClick(Map<String, String> env, String assistantText) {
        RepoRef repo = new RepoRef("factory", "app");
        var tracker = ForgejoIssueTrackerAdapter.create(new ForgeSettings(
                URI.create(env.get("FORGE_URL")), Secret.of(env.get("FORGE_TOKEN"), "FORGE_TOKEN"), repo));
        var ci = WoodpeckerCiAdapter.create(new CiSettings(
                URI.create(env.get("WOODPECKER_SERVER")), Secret.of(env.get("WOODPECKER_TOKEN"), "WOODPECKER_TOKEN"), null));
        var history = new NdjsonHistory(Path.of(env.getOrDefault("CHAT_HISTORY_DIR", "chat-history")));
        var service = ActionService.restore(
                new ActionPolicy(PolicySettings.defaults(repo)), tracker, ci, history, Clock.systemUTC());
        // The rest of your code needs only the use cases it calls.
        ProposeActionUseCase buttons = service;
        ExecuteActionUseCase clicks = service;

        String user = "alice";
        String conversation = "0123456789ab"; // 12 hex characters
        for (ParsedMarker parsed : ActionMarkerParser.parse(assistantText)) {
            // Denied and invalid markers get no button (show them disabled, with their reasons).
            if (parsed instanceof Marker marker && buttons.policy().decide(marker.type(), marker.payload()).isAllowed()) {
                Proposal button = buttons.propose(user, conversation, marker.type(), marker.payload());
                // The click sends back what the button showed; it runs at most once, however often it comes.
                ActionOutcome outcome = clicks.execute(new ExecuteActionCommand(user, conversation, button.type(),
                        button.payload(), null, new ProposalClaim(button.id(), button.digest())));
                System.out.println(button.type() + " -> " + outcome);
            }
        }
        try (Stream<HistoryRecord> records = history.conversation(user, conversation)) {
            return records.collect(Collectors.toList());
        }
    }
}
// end::embedding[]
