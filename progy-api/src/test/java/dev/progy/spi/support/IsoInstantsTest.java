package dev.progy.spi.support;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    @Test
    @DisplayName("every time Progy writes reads back as Instant.parse reads it, without the JDK's formatter")
    void readsWhatInstantToStringWrites() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong() % 200_000_000_000L, switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            });
            String text = t.toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
            if (t.getEpochSecond() >= -62_167_219_200L && t.getEpochSecond() < 253_402_300_800L) { // years 0000-9999
                assertThat(IsoInstants.quick(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
        for (String text : List.of("2026-12-06T19:43:10Z", "2026-12-06T19:43:10.1Z", "2026-12-06T19:43:10.123456789Z",
                "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "2026-12-06T19:43:10.120Z")) {
            assertThat(IsoInstants.quick(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    @DisplayName("other forms go to Instant.parse: what it accepts is accepted, what it refuses is refused the same way")
    void otherFormsAreTheJdks() {
        for (String text : List.of("2026-12-06T19:43:10+02:00", "2026-12-06T23:59:60Z", "+12026-12-06T19:43:10Z",
                "2026-12-06t19:43:10z", "2026-12-06T24:00:00Z", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-12-06T25:00:00Z", "2026-12-06T19:43:10.Z", "2026-12-06T19:43:10.1234567890Z",
                "2026-12-06 19:43:10Z", "2026-1a-06T19:43:10Z", "", "yesterday")) {
            assertThat(IsoInstants.quick(text)).as(text).isNull();
            Object jdk;
            try {
                jdk = Instant.parse(text);
            } catch (DateTimeParseException e) {
                jdk = DateTimeParseException.class;
            }
            Object ours;
            try {
                ours = IsoInstants.parse(text);
            } catch (DateTimeParseException e) {
                ours = DateTimeParseException.class;
            }
            assertThat(ours).as(text).isEqualTo(jdk);
        }
        assertThatThrownBy(() -> IsoInstants.parse("2026-13-01T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    @DisplayName("dates read as LocalDate.parse reads them; invalid ones are left to it")
    void dates() {
        assertThat(IsoInstants.quickDate("2024-02-29")).isEqualTo(LocalDate.parse("2024-02-29"));
        assertThat(IsoInstants.quickDate("2025-01-31")).isEqualTo(LocalDate.parse("2025-01-31"));
        assertThat(IsoInstants.quickDate("2025-02-29")).isNull();
        assertThat(IsoInstants.quickDate("2025-1-31")).isNull();
        assertThat(IsoInstants.quickDate("20250131xx")).isNull();
    }

    @Test
    @DisplayName("format writes what Instant.toString writes: 50 000 random instants of every kind of fraction, the ends "
            + "of the four-digit years, and the years beyond them")
    void writesWhatInstantToStringWrites() {
        Random random = new Random(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nanos);
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
            assertThat(IsoInstants.parse(IsoInstants.format(t))).isEqualTo(t);
        }
        for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.000000001Z", "2024-02-29T12:00:00.100Z")) {
            Instant t = Instant.parse(edge);
            assertThat(IsoInstants.format(t)).isEqualTo(edge).isEqualTo(t.toString());
        }
        for (Instant beyond : List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MAX, Instant.MIN)) {
            assertThat(IsoInstants.format(beyond)).isEqualTo(beyond.toString());
        }
    }
}
