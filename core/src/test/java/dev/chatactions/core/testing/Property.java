package dev.chatactions.core.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Seeded property tests on plain JUnit: {@link #forAll} checks a property on many generated inputs
 * and, when one fails, shrinks it to the smallest failing input it can find and reports it with the
 * seed. The same seed replays the same inputs: {@code -Dproperty.seed=SEED}. The default run uses
 * one fixed seed, so a test run (and CI) is repeatable; {@code -Dproperty.seed=random} draws a new
 * seed for each property, to explore (TESTING.md).
 *
 * <p>How many inputs is set here, once for every property: {@code -Dproperty.cases} (default
 * {@value #DEFAULT_CASES}) and, for the fuzz tests, {@code -Dfuzz.cases} (default
 * {@value #DEFAULT_FUZZ_CASES}).
 */
public final class Property {

    static final int DEFAULT_CASES = 1000;
    static final int DEFAULT_FUZZ_CASES = 3000;
    static final long DEFAULT_SEED = 20261201L;
    /** Inputs per property. */
    public static final int CASES = Integer.getInteger("property.cases", DEFAULT_CASES);
    /** Inputs per fuzz test. */
    public static final int FUZZ_CASES = Integer.getInteger("fuzz.cases", DEFAULT_FUZZ_CASES);
    /** Checks spent on shrinking one failure, so a slow check cannot shrink for ever. */
    static final int SHRINK_BUDGET = 2000;
    private static final int SHOWN_CHARS = 2000;

    private Property() {}

    /** Checks {@code check} on {@link #CASES} inputs; it fails by throwing (an assertion). */
    public static <T> void forAll(Generator<T> generator, Shrinker<T> shrinker, Consumer<? super T> check) {
        forAll(CASES, generator, shrinker, check);
    }

    /** Checks {@code check} on {@code cases} inputs (the fuzz tests pass {@link #FUZZ_CASES}). */
    public static <T> void forAll(int cases, Generator<T> generator, Shrinker<T> shrinker, Consumer<? super T> check) {
        check(seed(System.getProperty("property.seed")), cases, generator, shrinker, check);
    }

    /** The seed to run from: {@value #DEFAULT_SEED} unless given, a fresh one for {@code random}. */
    static long seed(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_SEED;
        }
        return given.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(given.trim());
    }

    /** Runs the cases from {@code seed}; returns how many passed (all of them, or it throws). */
    static <T> int check(long seed, int cases, Generator<T> generator, Shrinker<T> shrinker, Consumer<? super T> check) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < cases; i++) {
            T input = generator.next(random.split());
            Throwable failure = failure(check, input);
            if (failure != null) {
                Shrunk<T> smallest = shrink(input, failure, shrinker, check);
                AssertionError error = new AssertionError("property failed at case " + (i + 1) + " of " + cases
                        + " (seed " + seed + "; replay: -Dproperty.seed=" + seed + ")"
                        + "\nsmallest failing input (after " + smallest.steps() + " shrinking steps): " + show(smallest.input())
                        + "\nits failure: " + smallest.failure(), smallest.failure());
                error.addSuppressed(new AssertionError("first failing input: " + show(input), failure));
                throw error;
            }
        }
        return cases;
    }

    record Shrunk<T>(T input, Throwable failure, int steps) {}

    /** Takes the first smaller candidate that still fails, again and again, within {@link #SHRINK_BUDGET} checks. */
    static <T> Shrunk<T> shrink(T input, Throwable failure, Shrinker<T> shrinker, Consumer<? super T> check) {
        T current = input;
        Throwable currentFailure = failure;
        int steps = 0;
        int budget = SHRINK_BUDGET;
        boolean shrunk = true;
        while (shrunk && budget > 0) {
            shrunk = false;
            List<T> candidates = shrinker.smaller(current);
            for (int i = 0; i < candidates.size() && budget > 0; i++) {
                budget--;
                Throwable candidateFailure = failure(check, candidates.get(i));
                if (candidateFailure != null) {
                    current = candidates.get(i);
                    currentFailure = candidateFailure;
                    steps++;
                    shrunk = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }

    private static <T> Throwable failure(Consumer<? super T> check, T input) {
        try {
            check.accept(input);
            return null;
        } catch (Throwable e) { // an assertion or any crash: both are a failing case
            return e;
        }
    }

    /** The input as a Java-like literal: control characters and non-ASCII escaped, long ones cut. */
    static String show(Object input) {
        String text = String.valueOf(input);
        StringBuilder shown = new StringBuilder("\"");
        for (int i = 0; i < Math.min(text.length(), SHOWN_CHARS); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                shown.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append('"');
        if (text.length() > SHOWN_CHARS) {
            shown.append(" ... (").append(text.length()).append(" characters in all)");
        }
        return shown.toString();
    }
}
