package dev.chatactions.core.conversation;

import dev.chatactions.core.action.ParsedMarker;
import java.util.List;

/**
 * The rule for markers in assistant text: allowed, then propose; denied, then show the reasons;
 * broken, then warn. The page, {@code POST /chat/render}, {@code chat-actions parse} and the
 * streaming turn all ask this one place.
 */
public interface ReviewAssistantTextUseCase {

    /** Every marker of {@code text} in order, reviewed; allowed ones are registered as proposals. */
    List<MarkerReview> review(String user, String conversation, String text);

    /**
     * One marker as {@link #review} would see it, but nothing is written: an allowed marker gets the
     * proposal it will have once {@linkplain #register registered}. For a turn still streaming.
     */
    MarkerReview preview(String user, String conversation, ParsedMarker marker);

    /** Registers a previewed offer as a proposal; returns the review as the page shows it now. */
    MarkerReview register(MarkerReview.Offered offered);
}
