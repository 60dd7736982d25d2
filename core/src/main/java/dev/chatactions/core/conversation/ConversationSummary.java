package dev.chatactions.core.conversation;

import dev.chatactions.core.port.HistoryRecord;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One line of the conversation list.
 *
 * @param createdAt the first chat line's time, or null for a conversation without one
 * @param preview the first words of the first user message (at most {@link #PREVIEW_CHARS} characters)
 * @param messageCount the chat lines (user and assistant messages)
 */
public record ConversationSummary(String id, Instant createdAt, String preview, int messageCount) {

    static final int PREVIEW_CHARS = 80;

    public ConversationSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(preview, "preview");
    }

    /** The summary of conversation {@code id} from its records (in file order). */
    public static ConversationSummary of(String id, Stream<HistoryRecord> records) {
        Instant createdAt = null;
        String preview = null;
        int count = 0;
        for (Iterator<HistoryRecord> it = records.iterator(); it.hasNext(); ) {
            if (it.next() instanceof ChatLine line) {
                count++;
                createdAt = createdAt == null ? line.ts() : createdAt;
                if (preview == null && "user".equals(line.role())) {
                    preview = firstWords(line.content());
                }
            }
        }
        return new ConversationSummary(id, createdAt, preview == null ? "" : preview, count);
    }

    private static String firstWords(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.length() <= PREVIEW_CHARS) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', PREVIEW_CHARS - 1);
        return oneLine.substring(0, cut > PREVIEW_CHARS / 2 ? cut : PREVIEW_CHARS - 1) + "…";
    }
}
