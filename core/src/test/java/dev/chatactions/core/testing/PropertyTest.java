package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PropertyTest {

    private static final Generator<String> LOWER_CASE_WORDS = random -> random.ints(random.nextInt(60), 'a', 'z' + 1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    private static final Consumer<String> NO_Q = text -> assertThat(text).doesNotContain("q");

    @Test
    void the_string_shrinker_finds_the_one_character_that_matters() {
        Property.Shrunk<String> shrunk = Property.shrink("abcdefqxyz", new AssertionError(), Shrinker.strings(), NO_Q);

        assertThat(shrunk.input()).isEqualTo("q");
        assertThat(shrunk.steps()).isPositive();
    }

    @Test
    void the_list_shrinker_keeps_exactly_the_items_that_together_fail() {
        List<Integer> all = IntStream.rangeClosed(1, 40).boxed().toList();
        Consumer<List<Integer>> notBoth7And13 = list -> assertThat(list.contains(7) && list.contains(13)).isFalse();

        Property.Shrunk<List<Integer>> shrunk = Property.shrink(all, new AssertionError(), Shrinker.lists(), notBoth7And13);

        assertThat(shrunk.input()).containsExactly(7, 13);
    }

    @Test
    void shrinking_stops_at_an_input_whose_every_smaller_form_passes() {
        Consumer<String> shortOnly = text -> assertThat(text).hasSizeLessThan(3);

        Property.Shrunk<String> shrunk = Property.shrink("abcdefgh", new AssertionError(), Shrinker.strings(), shortOnly);

        assertThat(shrunk.input()).hasSize(3);
    }

    @Test
    void shrinking_is_bounded_by_its_budget() {
        AtomicInteger checks = new AtomicInteger();
        Consumer<String> alwaysFails = text -> {
            checks.incrementAndGet();
            throw new AssertionError("fails");
        };
        Shrinker<String> endless = text -> List.of(text + "x");

        Property.shrink("", new AssertionError(), endless, alwaysFails);

        assertThat(checks.get()).isEqualTo(Property.SHRINK_BUDGET);
    }

    @Test
    void a_failure_reports_the_seed_and_the_smallest_failing_input() {
        Throwable failure = catchThrowable(() -> Property.check(42L, 500, LOWER_CASE_WORDS, Shrinker.strings(), NO_Q));

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed 42; replay: -Dproperty.seed=42")
                .hasMessageContaining("smallest failing input (after")
                .hasMessageContaining(": \"q\"\n");
    }

    @Test
    void the_same_seed_replays_the_same_failure() {
        Throwable first = catchThrowable(() -> Property.check(7L, 500, LOWER_CASE_WORDS, Shrinker.none(), NO_Q));
        Throwable again = catchThrowable(() -> Property.check(7L, 500, LOWER_CASE_WORDS, Shrinker.none(), NO_Q));

        assertThat(first).isNotNull();
        assertThat(again).hasMessage(first.getMessage());
    }

    @Test
    void a_passing_property_runs_every_case() {
        AtomicInteger checks = new AtomicInteger();

        int passed = Property.check(1L, 321, LOWER_CASE_WORDS, Shrinker.strings(), text -> checks.incrementAndGet());

        assertThat(passed).isEqualTo(321);
        assertThat(checks.get()).isEqualTo(321);
    }

    @Test
    void a_crash_fails_like_an_assertion() {
        Consumer<String> crashesOnQ = text -> {
            if (text.contains("q")) {
                throw new IllegalStateException("boom");
            }
        };

        assertThatThrownBy(() -> Property.check(3L, 500, LOWER_CASE_WORDS, Shrinker.strings(), crashesOnQ))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("IllegalStateException: boom")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void inputs_are_shown_with_control_and_non_ascii_characters_escaped() {
        assertThat(Property.show("a\"\n\r😀")).isEqualTo("\"a\\\"\\u000a\\u000d\\ud83d\\ude00\"");
    }
}
