package dev.chatactions.core.action;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The naive regex on the inputs that make it quadratic: one cold run each, bounded so the whole
 * benchmark still finishes in minutes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RegexWorstCaseBenchmark {

    @Param({"UNCLOSED_JSON_STRINGS", "BARE_OPENINGS"})
    public BenchInputs input;

    private String text;

    @Setup
    public void generate() {
        text = input.text();
    }

    @Benchmark
    public int naiveRegex() {
        return MarkerParserBenchmark.naiveRegex(text);
    }
}
