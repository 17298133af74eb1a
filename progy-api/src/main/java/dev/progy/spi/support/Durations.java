package dev.progy.spi.support;

import java.time.Duration;
import java.util.Locale;

/** Spans of time as people read them in messages: {@code 20 s}, {@code 2.5 s}, {@code 500 ms}. */
public final class Durations {

    private Durations() { }

    /** {@code 20 s}, {@code 2.5 s}, {@code 500 ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
