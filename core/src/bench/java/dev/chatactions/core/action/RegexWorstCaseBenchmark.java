package dev.chatactions.core.action;

import java.util.List;
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
 * The naive regex on the inputs that make it quadratic (every opening without a closing tag makes
 * its lazy {@code .*?} run to the end of the text). On 1 MiB it would take minutes per operation,
 * so both contenders get the first {@value #PREFIX} chars of the input here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RegexWorstCaseBenchmark {

    static final int PREFIX = 64 * 1024;

    @Param({"UNCLOSED_JSON_STRINGS", "BARE_OPENINGS"})
    public BenchInputs input;

    private String text;

    @Setup
    public void generate() {
        text = input.text().substring(0, PREFIX);
    }

    @Benchmark
    public int naiveRegex() {
        return MarkerParserBenchmark.naiveRegex(text);
    }

    @Benchmark
    public List<ParsedMarker> parser() {
        return ActionMarkerParser.parse(text);
    }
}
