package dev.chatactions.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatactions.core.testing.LinearTime;
import dev.chatactions.core.testing.LinearTime.Inputs;
import dev.chatactions.core.testing.Mutator;
import dev.chatactions.core.testing.Property;
import dev.chatactions.core.testing.Shrinker;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile assistant text: the parser, batch and streaming, answers with markers (valid
 * or invalid), never an exception, and its work grows linearly with the text.
 */
class MarkerParserFuzzTest {

    private static final List<String> SEEDS = seeds();

    @Test
    void mutated_texts_yield_markers_and_never_an_exception() {
        Property.forAll(Property.FUZZ_CASES, Mutator.strings(SEEDS), Shrinker.strings(), text -> {
            List<ParsedMarker> batch = ActionMarkerParser.parse(text);

            MarkerParserPropertyTest.assertConsistent(text, batch);
            assertThat(MarkerCases.streamed(text, 1 + Math.floorMod(text.hashCode(), 13))).isEqualTo(batch);
        });
    }

    /** Texts made to make a careless parser rescan: each must cost linear time, batch and fed one character at a time. */
    @Test
    void hostile_texts_cost_linear_time() {
        List<Inputs> texts = List.of(
                new Inputs("backtick runs of many lengths", n -> repeat(n, i -> "`".repeat(1 + i % 40) + "x")),
                new Inputs("unmatched backticks before markers", n -> repeat(n, i -> i % 50 == 0 ? "` <action type=\"a\">{}</action> " : "`` ")),
                new Inputs("fence-like lines that are not fences", n -> repeat(n, i -> "   ``` x `\n")),
                new Inputs("a never-closed fence", n -> "~~~\n" + repeat(n, i -> "<action type=\"a\">{}</action>\n")),
                new Inputs("an unclosed JSON nesting", n -> "<action type=\"a\">{" + "[".repeat(n)),
                new Inputs("an unclosed JSON string of escapes", n -> "<action type=\"a\">{\"t\":\"" + "\\\"".repeat(n)),
                new Inputs("openings that never reach '='", n -> repeat(n, i -> "<action type ")),
                new Inputs("almost-openings", n -> repeat(n, i -> "<a<acti<action")),
                new Inputs("closing tags after a broken marker", n -> "<action type=\"A\">" + repeat(n, i -> "</action>")),
                new Inputs("paragraphs of unmatched backticks", n -> repeat(n, i -> "`a ``b\n\n")),
                new Inputs("CR line breaks and backticks", n -> repeat(n, i -> "`\r``\r\n")));
        LinearTime.assertLinear("batch", texts, ActionMarkerParser::parse, 40_000);
        LinearTime.assertLinear("one character per chunk", texts, text -> MarkerCases.streamed(text, 1), 10_000);
    }

    /** About {@code length} characters of {@code piece(0)}, {@code piece(1)}, ... */
    private static String repeat(int length, IntFunction<String> piece) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < length; i++) {
            text.append(piece.apply(i));
        }
        return text.toString();
    }

    private static List<String> seeds() {
        SplittableRandom random = new SplittableRandom(13);
        Stream<String> generated = Stream.generate(() -> String.join("", MarkerTexts.PIECES.next(random.split()))).limit(40);
        return Stream.concat(MarkerCases.all().map(MarkerCases.Case::text), generated).filter(t -> !t.isEmpty()).toList();
    }
}
