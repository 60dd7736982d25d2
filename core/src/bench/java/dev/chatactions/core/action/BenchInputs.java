package dev.chatactions.core.action;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Deterministic benchmark texts of about 1 MiB each: chat prose, dense markers and adversarial shapes. */
public enum BenchInputs {

    /** Markdown chat reply without markers: paragraphs, lists, inline code, fenced code, the odd {@code <}. */
    PROSE(BenchInputs::prose),
    /**
     * The same prose with one marker at the very end: now every fence must be found (the cut at the
     * end leaves the marker inside an unclosed fence, so it is an example), and code spans analysed
     * in the paragraphs the parser cannot skip.
     */
    PROSE_THEN_MARKER(BenchInputs::prose),
    /** Markers back to back, as a (too) eager assistant would write them. */
    MARKER_DENSE(out -> out.append("Done. <action type=\"issue-create\">{\"title\":\"Flaky test ")
            .append(out.length()).append("\",\"labels\":[\"bug\",\"ci\"],\"body\":\"See `make test`.\"}</action>\n")),
    /** Openings whose JSON string never closes, and no {@code </action>} anywhere. */
    UNCLOSED_JSON_STRINGS(out -> out.append("<action type=\"issue-create\">{\"title\":\"never closed ")
            .append("lorem ipsum dolor sit amet ".repeat(3))),
    /** Thousands of bare openings. */
    BARE_OPENINGS(out -> out.append("<action type='x'>")),
    /**
     * Paragraphs of backtick runs of distinct lengths: none closes, each may open a code span. It
     * ends with a marker, so that the parser cannot skip the text as a whole (text without any
     * {@code <action} is not analysed at all); the paragraphs before the marker's own are skipped
     * by their line starts.
     */
    BACKTICK_STORM(BenchInputs::backtickStorm),
    /** A fence that never closes, full of markers and backticks. */
    UNCLOSED_FENCE(out -> {
        if (out.length() == 0) {
            out.append("```\n");
        }
        out.append("example: <action type=\"ci-run\">{\"branch\":\"main\"}</action> and `code`\n");
    });

    static final int SIZE = 1 << 20;

    private final Consumer<StringBuilder> piece;

    BenchInputs(Consumer<StringBuilder> piece) {
        this.piece = piece;
    }

    String text() {
        StringBuilder out = new StringBuilder(SIZE + 256);
        while (out.length() < SIZE) {
            piece.accept(out);
        }
        out.setLength(SIZE);
        if (this == BACKTICK_STORM || this == PROSE_THEN_MARKER) {
            String marker = "\n\n<action type=\"ci-run\">{\"branch\":\"main\"}</action>";
            out.replace(SIZE - marker.length(), SIZE, marker);
        }
        return out.toString();
    }

    private static final String[] WORDS = {
        "the", "build", "fails", "on", "main", "because", "a", "test", "is", "flaky", "we", "should", "retry",
        "pipeline", "and", "open", "an", "issue", "for", "it", "label", "bug", "maybe", "later", "branch",
        "review", "merge", "request", "looks", "good", "to", "me", "thanks", "deploy", "config", "value"
    };

    private static void prose(StringBuilder out) {
        SplittableRandom random = new SplittableRandom(out.length());
        int kind = random.nextInt(10);
        if (kind == 0) {
            out.append("```java\nint total = a + b; // sum\nreturn total;\n```\n\n");
            return;
        }
        if (kind == 1) {
            out.append("- ");
        }
        int words = 8 + random.nextInt(20);
        for (int i = 0; i < words; i++) {
            int roll = random.nextInt(40);
            if (roll == 0) {
                out.append('`').append(WORDS[random.nextInt(WORDS.length)]).append("()` ");
            } else if (roll == 1) {
                out.append("x < y ");
            } else {
                out.append(WORDS[random.nextInt(WORDS.length)]).append(i + 1 == words ? ". " : " ");
            }
        }
        out.append(random.nextInt(3) == 0 ? "\n\n" : "\n");
    }

    private static void backtickStorm(StringBuilder out) {
        for (int length = 1; length <= 40; length++) {
            out.append("word ").append("`".repeat(length)).append(' ');
        }
        out.append("\n\n");
    }
}
