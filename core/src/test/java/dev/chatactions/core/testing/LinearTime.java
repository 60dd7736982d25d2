package dev.chatactions.core.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Checks that work grows linearly with input size, without flaking: it compares the CPU time of
 * this thread (not wall-clock, so other processes do not count) for an input {@value #GROWTH}
 * times larger. Linear work costs about {@value #GROWTH} times as much, quadratic work about 64
 * times; the check fails above {@value #MAX_RATIO}. Each size runs several times and the fastest
 * run counts, and a failing ratio is measured again before the check fails: noise would have to
 * strike every attempt, where quadratic work fails them all.
 */
public final class LinearTime {

    static final int GROWTH = 8;
    static final double MAX_RATIO = 24;
    private static final int RUNS = 5;
    private static final int ATTEMPTS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LinearTime() {}

    /**
     * Fails unless {@code work} for {@code GROWTH * size} costs at most {@code MAX_RATIO} times
     * {@code work} for {@code size}. {@code work} prepares the input of a size (not measured) and
     * returns the run to measure.
     */
    public static void assertLinear(String what, IntFunction<Runnable> work, int size) {
        double ratio = Double.NaN;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ratio = ratio(work, size);
            if (ratio <= MAX_RATIO) {
                return;
            }
        }
        throw new AssertionError(what + ": " + GROWTH + " times the input cost " + String.format("%.1f", ratio)
                + " times the CPU time (linear is about " + GROWTH + ", the limit " + MAX_RATIO + ")");
    }

    /** A named family of hostile inputs: {@code ofSize} makes one of about the given length. */
    public record Inputs(String name, IntFunction<String> ofSize) {}

    /** {@link #assertLinear} for {@code work} on each family of inputs; {@code how} names the work in a failure. */
    public static void assertLinear(String how, List<Inputs> families, Consumer<String> work, int size) {
        for (Inputs family : families) {
            assertLinear(family.name() + ", " + how, n -> {
                String input = family.ofSize().apply(n);
                return () -> work.accept(input);
            }, size);
        }
    }

    static double ratio(IntFunction<Runnable> work, int size) {
        Runnable small = work.apply(size);
        Runnable large = work.apply(GROWTH * size);
        return (double) fastest(large) / Math.max(1, fastest(small));
    }

    private static long fastest(Runnable run) {
        run.run(); // warm-up
        long best = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            run.run();
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
        }
        return best;
    }
}
