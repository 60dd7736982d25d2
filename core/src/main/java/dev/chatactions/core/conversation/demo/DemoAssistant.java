package dev.chatactions.core.conversation.demo;

import dev.chatactions.core.port.AssistantPort;
import dev.chatactions.core.port.AssistantRequest;
import dev.chatactions.core.port.CancelSignal;
import dev.chatactions.core.port.TurnEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo model: scripted replies chosen by keywords of the message, streamed in small pieces at
 * a human pace, with valid, denied and broken markers. It lives in the core because it is pure (no
 * I/O, no model), so the server, tests and embedders all get the same whole loop without a model.
 */
public final class DemoAssistant implements AssistantPort {

    /** How the page names this model: it must never pass for a real one. */
    public static final String LABEL = "demo model";

    private static final int PIECE_CHARS = 6;

    private final Duration pace;

    /** @param pace the pause between pieces; {@link Duration#ZERO} in tests and benchmarks */
    public DemoAssistant(Duration pace) {
        this.pace = Objects.requireNonNull(pace, "pace");
    }

    /** About 30 pieces a second, like someone typing fast. */
    public static DemoAssistant humanPace() {
        return new DemoAssistant(Duration.ofMillis(35));
    }

    @Override
    public TurnEnd converse(AssistantRequest request, Consumer<String> deltas, CancelSignal cancel) {
        CountDownLatch cancelled = new CountDownLatch(1);
        cancel.onCancel(cancelled::countDown);
        for (String piece : pieces(reply(request.message()))) {
            if (pause(cancelled)) {
                return new TurnEnd.Cancelled(cancel.reason());
            }
            try {
                deltas.accept(piece);
            } catch (RuntimeException e) {
                return new TurnEnd.Failed("The reply could not be handed on.", true);
            }
        }
        return new TurnEnd.Completed(request.modelSession().toString(), "end_turn", null, null);
    }

    /** True when cancelled before or during the pause. */
    private boolean pause(CountDownLatch cancelled) {
        try {
            return pace.isZero() ? cancelled.getCount() == 0 : cancelled.await(pace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The scripted reply for {@code message}: the first script whose keyword it contains, else the tour. */
    static String reply(String message) {
        String words = message.toLowerCase(Locale.ROOT);
        for (DemoScript script : DemoScript.values()) {
            if (script.matches(words)) {
                return script.reply();
            }
        }
        return DemoScript.TOUR.reply();
    }

    /** The reply in pieces of a few characters, so markers arrive split like a real model's. */
    static List<String> pieces(String reply) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (at < reply.length()) {
            int end = Math.min(reply.length(), at + PIECE_CHARS);
            if (end < reply.length() && Character.isHighSurrogate(reply.charAt(end - 1))) {
                end++;
            }
            pieces.add(reply.substring(at, end));
            at = end;
        }
        return pieces;
    }
}
