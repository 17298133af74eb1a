package dev.progy.runner.docker;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The times a run's OOM check sends to the engine and reads from it, written and read without the JDK's formatters. */
class OomEventsTest {

    @Test
    @DisplayName("the events filter's times are seconds with nine digits of nanoseconds, as String.format writes them")
    void timestampsAsTheFormatterWritesThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextInt(2_000_000_000), i < 10 ? i : random.nextInt(1_000_000_000));
            assertThat(OomEvents.timestamp(t))
                    .isEqualTo(t.getEpochSecond() + "." + String.format(Locale.ROOT, "%09d", t.getNano()));
        }
    }

    @Test
    @DisplayName("the engine's times are read with their nanoseconds; a missing, unset or unreadable one is now")
    void engineTimes() {
        assertThat(OomEvents.instant("2026-12-07T08:30:01.123456789Z"))
                .isEqualTo(Instant.parse("2026-12-07T08:30:01.123456789Z"));
        assertThat(OomEvents.instant("2026-12-07T08:30:01Z")).isEqualTo(Instant.parse("2026-12-07T08:30:01Z"));
        Instant before = Instant.now();
        for (String unknown : new String[] {null, "0001-01-01T00:00:00Z", "yesterday"}) {
            assertThat(OomEvents.instant(unknown)).isBetween(before, Instant.now());
        }
    }
}
