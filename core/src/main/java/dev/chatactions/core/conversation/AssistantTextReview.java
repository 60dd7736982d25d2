package dev.chatactions.core.conversation;

import dev.chatactions.core.action.ActionMarkerParser;
import dev.chatactions.core.action.InvalidMarker;
import dev.chatactions.core.action.Marker;
import dev.chatactions.core.action.ParsedMarker;
import dev.chatactions.core.conversation.MarkerReview.Broken;
import dev.chatactions.core.conversation.MarkerReview.Offered;
import dev.chatactions.core.conversation.MarkerReview.Refused;
import dev.chatactions.core.policy.ActionPolicy;
import dev.chatactions.core.policy.Decision;
import dev.chatactions.core.port.HistoryException;
import dev.chatactions.core.service.Proposal;
import dev.chatactions.core.service.ProposeActionUseCase;
import java.util.List;
import java.util.Objects;

/** Reviews markers with the policy, and with the action service's proposals and outcomes when it has one. */
public final class AssistantTextReview implements ReviewAssistantTextUseCase {

    static final String NOT_RECORDED = "this action could not be offered: the history could not be written";

    private final ActionPolicy policy;
    private final ProposeActionUseCase service;

    private AssistantTextReview(ActionPolicy policy, ProposeActionUseCase service) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.service = service;
    }

    /** Offers allowed markers as proposals of {@code service}, with their recorded outcomes. */
    public static AssistantTextReview offering(ProposeActionUseCase service) {
        return new AssistantTextReview(service.policy(), service);
    }

    /** Decides only: offers carry no proposal and nothing is ever written (the CLI's {@code parse}). */
    public static AssistantTextReview deciding(ActionPolicy policy) {
        return new AssistantTextReview(policy, null);
    }

    @Override
    public List<MarkerReview> review(String user, String conversation, String text) {
        return ActionMarkerParser.parse(text).stream()
                .map(marker -> preview(user, conversation, marker))
                .map(review -> review instanceof Offered offered ? register(offered) : review)
                .toList();
    }

    @Override
    public MarkerReview preview(String user, String conversation, ParsedMarker parsed) {
        if (parsed instanceof InvalidMarker invalid) {
            return new Broken(invalid.start(), invalid.end(), invalid.type(), invalid.reason());
        }
        Marker marker = (Marker) parsed;
        Decision decision = policy.decide(marker.type(), marker.payload());
        if (decision instanceof Decision.Denied denied) {
            return new Refused(marker.start(), marker.end(), marker.type(), marker.payload(), denied.reasons());
        }
        Proposal proposal = service == null ? null : service.preview(user, conversation, marker.type(), marker.payload());
        return new Offered(marker.start(), marker.end(), marker.type(), marker.payload(), ((Decision.Allowed) decision).action(), proposal,
                proposal == null ? null : service.outcome(user, proposal.id()).orElse(null));
    }

    @Override
    public MarkerReview register(Offered offered) {
        Proposal preview = offered.proposal();
        if (service == null || preview == null) {
            return offered;
        }
        try {
            Proposal proposal = service.propose(preview.user(), preview.conversation(), preview.type(), preview.payload());
            return new Offered(offered.start(), offered.end(), offered.type(), offered.payload(), offered.action(), proposal,
                    service.outcome(proposal.user(), proposal.id()).orElse(null));
        } catch (HistoryException e) {
            return new Broken(offered.start(), offered.end(), offered.type(), NOT_RECORDED);
        }
    }
}
