package dev.progy.cli;

import dev.progy.model.RunResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ResultPrinterTest {

    @Test
    @DisplayName("a run's time reads as String.format's %.1f s would print it, for every millisecond up to 100 s and beyond")
    void secondsAsFormatWouldPrintThem() {
        for (long ms = 0; ms <= 100_000; ms++) {
            assertThat(ResultPrinter.seconds(run(ms))).as(ms + " ms")
                    .isEqualTo(String.format(Locale.ROOT, "%.1f s", ms / 1000.0));
        }
        for (long ms : new long[] {3_599_949, 3_599_950, 86_400_000, 987_654_321}) {
            assertThat(ResultPrinter.seconds(run(ms))).isEqualTo(String.format(Locale.ROOT, "%.1f s", ms / 1000.0));
        }
    }

    private static RunResult run(long ms) {
        return new RunResult(RunResult.Status.PASS, RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false,
                OptionalInt.of(0), OptionalInt.empty(), Duration.ofMillis(ms), RunResult.Source.EXIT_CODE);
    }
}
