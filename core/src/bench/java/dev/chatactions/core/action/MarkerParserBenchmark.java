package dev.chatactions.core.action;

import dev.chatactions.core.action.json.InvalidJsonException;
import dev.chatactions.core.action.json.PayloadJson;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Our parser against the physical-limit proxy (a bare {@code indexOf('<')} loop) and a naive regex
 * extractor, on 1 MiB inputs. Run with {@code core/bench.sh}; results in BENCHMARKS.md.
 *
 * <p>The regex needs one pass to the end of the text per opening without a closing tag, so on the
 * adversarial inputs it is quadratic; those are measured separately in {@link RegexWorstCaseBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MarkerParserBenchmark {

    static final Pattern NAIVE = Pattern.compile("<action\\s+type=[\"']([^\"']*)[\"']\\s*>(.*?)</action>", Pattern.DOTALL);

    @Param({"PROSE", "PROSE_THEN_MARKER", "MARKER_DENSE", "UNCLOSED_JSON_STRINGS", "BARE_OPENINGS", "BACKTICK_STORM", "UNCLOSED_FENCE"})
    public BenchInputs input;

    private String text;

    @Setup
    public void generate() {
        text = input.text();
    }

    @Benchmark
    public List<ParsedMarker> parser() {
        return ActionMarkerParser.parse(text);
    }

    @Benchmark
    public int indexOfScan() {
        return indexOfScan(text);
    }

    static int indexOfScan(String text) {
        int count = 0;
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            count++;
        }
        return count;
    }

    /** The naive extractor: a lazy regex, then strict JSON for every hit. */
    static int naiveRegex(String text) {
        int valid = 0;
        Matcher m = NAIVE.matcher(text);
        while (m.find()) {
            try {
                PayloadJson.read(m.group(2).strip());
                valid++;
            } catch (InvalidJsonException e) {
                // counted as invalid
            }
        }
        return valid;
    }
}
