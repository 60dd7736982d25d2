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

/** The naive regex extractor on the inputs where it finishes in reasonable time; same settings as {@link MarkerParserBenchmark}. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RegexBaselineBenchmark {

    @Param({"PROSE", "PROSE_THEN_MARKER", "MARKER_DENSE", "BACKTICK_STORM", "UNCLOSED_FENCE"})
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
