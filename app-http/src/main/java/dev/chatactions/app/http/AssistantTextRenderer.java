package dev.chatactions.app.http;

import dev.chatactions.core.conversation.MarkerReview;
import dev.chatactions.core.conversation.ReviewAssistantTextUseCase;
import dev.chatactions.core.policy.LinkTargets;
import dev.chatactions.core.service.ActionOutcome;
import java.util.Objects;

/**
 * Presents assistant text as HTML: the text as Markdown (raw HTML escaped), each marker replaced by
 * what the core's review says it is: a button, a disabled button with reasons, a warning, or the
 * recorded outcome.
 */
final class AssistantTextRenderer {

    private final ReviewAssistantTextUseCase review;
    private final LinkTargets links;

    AssistantTextRenderer(ReviewAssistantTextUseCase review, LinkTargets links) {
        this.review = Objects.requireNonNull(review, "review");
        this.links = Objects.requireNonNull(links, "links");
    }

    String render(String user, String conversation, String text) {
        return MarkdownHtml.render(text, review.review(user, conversation, text).stream()
                .map(marker -> new MarkdownHtml.Fragment(marker.start(), marker.end(), markerHtml(marker, true)))
                .toList());
    }

    /**
     * The fragment of one reviewed marker (the page reviews with proposals, so every offer has one).
     *
     * @param clickable false while its turn still streams: the button shows but is disabled
     */
    String markerHtml(MarkerReview marker, boolean clickable) {
        if (marker instanceof MarkerReview.Refused refused) {
            return ChatHtml.deniedButton(refused.type(), refused.payload(), refused.reasons());
        }
        if (marker instanceof MarkerReview.Broken broken) {
            return ChatHtml.invalidWarning(broken.type(), broken.reason());
        }
        MarkerReview.Offered offered = (MarkerReview.Offered) marker;
        if (offered.recorded() == null) {
            return ChatHtml.button(offered.proposal(), offered.action(), clickable);
        }
        return offered.recorded() instanceof ActionOutcome.InProgress
                ? ChatHtml.running(offered.type())
                : ChatHtml.outcome(offered.type(), offered.recorded(), links);
    }
}
