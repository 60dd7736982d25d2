package dev.chatactions.app.http;

import static dev.chatactions.app.http.Html.escape;

import dev.chatactions.core.action.ActionMarkerParser;
import dev.chatactions.core.action.InvalidMarker;
import dev.chatactions.core.action.Marker;
import dev.chatactions.core.action.ParsedMarker;
import dev.chatactions.core.policy.Decision;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.service.ActionOutcome;
import dev.chatactions.core.service.ActionService;
import dev.chatactions.core.service.Proposal;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns assistant text into HTML: the text escaped, each marker replaced by what it is now: a
 * button (allowed, registered as a proposal), a disabled button with reasons (denied), a warning
 * (broken), or the recorded outcome when the proposal already ran.
 */
final class AssistantTextRenderer {

    private final ActionService service;
    private final LinkTargets links;

    AssistantTextRenderer(ActionService service, LinkTargets links) {
        this.service = Objects.requireNonNull(service, "service");
        this.links = Objects.requireNonNull(links, "links");
    }

    String render(String user, String conversation, String text) {
        StringBuilder html = new StringBuilder(text.length() + 256);
        int at = 0;
        for (ParsedMarker marker : ActionMarkerParser.parse(text)) {
            html.append(escape(text.substring(at, marker.start())));
            html.append(marker instanceof Marker valid
                    ? markerHtml(user, conversation, valid)
                    : ChatHtml.invalidWarning(marker.type(), ((InvalidMarker) marker).reason()));
            at = marker.end();
        }
        return html.append(escape(text.substring(at))).toString();
    }

    private String markerHtml(String user, String conversation, Marker marker) {
        Decision decision = service.policy().decide(marker.type(), marker.payload());
        if (decision instanceof Decision.Denied denied) {
            return ChatHtml.deniedButton(marker.type(), marker.payload(), denied.reasons());
        }
        Proposal proposal;
        try {
            proposal = service.propose(user, conversation, marker.type(), marker.payload());
        } catch (HistoryException e) {
            return ChatHtml.invalidWarning(marker.type(), "this action could not be offered: the history could not be written");
        }
        Optional<ActionOutcome> recorded = service.outcome(user, proposal.id());
        if (recorded.isEmpty()) {
            return ChatHtml.button(proposal, ((Decision.Allowed) decision).action());
        }
        return recorded.get() instanceof ActionOutcome.InProgress
                ? ChatHtml.running(marker.type())
                : ChatHtml.outcome(marker.type(), recorded.get(), links);
    }
}
