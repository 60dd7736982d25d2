package dev.chatactions.app.http;

import dev.chatactions.core.port.HistoryPort;
import dev.chatactions.core.port.HistoryRecord.ChatLine;
import dev.chatactions.core.service.UserName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The conversation a new user of dry-run mode finds: an assistant turn with one marker of each
 * type, one the policy denies and one that is broken. Written only when the user has no
 * conversation yet, so a restart never adds a second one.
 */
final class DemoConversation {

    static final String USER_TEXT = "Our CI test `payments_test` failed twice today. Can you file it, open the fix and run CI?";

    static final String ASSISTANT_TEXT = """
            Here is what I can do; each button runs only when you click it.

            1. File the flaky test:
            <action type="issue-create">{"title":"Flaky test: payments_test times out","body":"Failed twice today on main.","labels":["bug"]}</action>

            2. Open the fix as a pull request:
            <action type="pr-create">{"head":"fix/payments-timeout","base":"main","title":"Raise the payments_test timeout"}</action>

            3. Run CI on the fix branch:
            <action type="ci-run">{"branch":"fix/payments-timeout"}</action>

            I also suggested deleting the old branch, which is not an additive action, so it stays disabled:
            <action type="branch-delete">{"branch":"old/payments"}</action>

            And this marker is broken on purpose (its JSON is cut short):
            <action type="issue-create">{"title": "unfinished"</action>
            """;

    private DemoConversation() {}

    /** The dry-run user: the operating-system user when that is a usable name, else {@code demo}. */
    static String user() {
        try {
            return new UserName(System.getProperty("user.name", "")).value();
        } catch (IllegalArgumentException e) {
            return "demo";
        }
    }

    /** Writes the demo conversation for {@code user} unless they already have one; returns its id when written. */
    static Optional<String> seedIfEmpty(HistoryPort history, String user, Clock clock) {
        try (Stream<String> existing = history.conversations(user)) {
            if (existing.findAny().isPresent()) {
                return Optional.empty();
            }
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String conversation = HexFormat.of().formatHex(random);
        Instant now = clock.instant();
        history.append(new ChatLine(now, user, conversation, "user", USER_TEXT));
        history.append(new ChatLine(now, user, conversation, "assistant", ASSISTANT_TEXT));
        return Optional.of(conversation);
    }
}
