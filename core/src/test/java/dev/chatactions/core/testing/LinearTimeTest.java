package dev.chatactions.core.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinearTimeTest {

    /** Defeats dead-code elimination of the measured loops. */
    private static volatile long sink;

    @Test
    void linear_work_passes() {
        assertThatCode(() -> LinearTime.assertLinear("a sum", n -> () -> sink = sumUpTo(n), 2_000_000)).doesNotThrowAnyException();
    }

    @Test
    void quadratic_work_fails() {
        assertThatThrownBy(() -> LinearTime.assertLinear("all pairs", n -> () -> sink = pairs(n), 600))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("all pairs: 8 times the input cost");
    }

    private static long sumUpTo(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i ^ sink;
        }
        return sum;
    }

    private static long pairs(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum += (i ^ j) ^ sink;
            }
        }
        return sum;
    }
}
