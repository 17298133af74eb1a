package dev.progy.sync.wire;

import dev.progy.model.ExerciseProgress;
import dev.progy.model.ProgressRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A record's JSON")
class RecordJsonTest {

    @Test
    @DisplayName("reads back every record it writes, and equal records always write the same text")
    void roundTrip() throws RecordJson.Malformed {
        ProgressRecord r = new ProgressRecord(new ProgressRecord.Key("c", ProgressRecord.Kind.QUIZ, "01/02"),
                ProgressRecord.Status.PASSED, Map.of("b-device", 2L, "a-device", 1L),
                Optional.of(Instant.parse("2026-03-02T09:00:00.123456Z")), 80, 1, 25,
                Optional.of(new ProgressRecord.LatestAttempt(7, "b-device", Optional.of(Instant.parse("2026-03-03T10:11:12Z")),
                        ExerciseProgress.Status.PASS, 80, 5)),
                new TreeSet<>(java.util.List.of(LocalDate.parse("2026-03-02"))), new TreeSet<>(java.util.List.of("x")), 3);

        String text = RecordJson.text(r);

        assertThat(RecordJson.parse(text)).isEqualTo(r);
        assertThat(RecordJson.text(RecordJson.parse(text))).isEqualTo(text);
        assertThat(text).contains("\"attempts\":{\"a-device\":1,\"b-device\":2}");
        assertThat(RecordJson.text(ProgressRecord.blank(ProgressRecord.Key.course("c"))))
                .isEqualTo("{\"course\":\"c\",\"kind\":\"course\",\"item\":\"\",\"status\":\"not_started\"}");
    }

    @Test
    @DisplayName("reads and writes instants exactly as Instant.parse and Instant.toString do, whatever their precision")
    void instants() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(4) == 0 ? 0
                    : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(7)) * (int) Math.pow(10, random.nextInt(3)));
            assertThat(RecordJson.instant(t.toString())).isEqualTo(t);
            assertThat(CanonicalText.instant(t)).isEqualTo(t.toString());
        }
        for (Instant edge : new Instant[] {Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("1969-12-31T23:59:59.5Z")}) {
            assertThat(CanonicalText.instant(edge)).isEqualTo(edge.toString());
        }
        assertThat(RecordJson.instant("+12026-03-02T09:00:00Z")).isEqualTo(Instant.parse("+12026-03-02T09:00:00Z"));
    }

    @Test
    @DisplayName("writes the very text Jackson's generator writes, escapes included")
    void sameTextAsJackson() throws Exception {
        Random random = new Random(7);
        String odd = "\"\\/\b\t\n\f\r\u0000\u001f\u007f é ✓ \uD83D\uDE00 \u2028";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(random.nextBoolean() ? (char) random.nextInt(0x80) : odd.charAt(random.nextInt(odd.length())));
            }
            String text = s.toString();
            boolean course = random.nextInt(4) == 0;
            ProgressRecord r = new ProgressRecord(course ? ProgressRecord.Key.course("c" + text)
                    : new ProgressRecord.Key("c" + text, ProgressRecord.Kind.EXERCISE, "i" + text),
                    ProgressRecord.Status.values()[random.nextInt(3)],
                    random.nextBoolean() ? Map.of() : Map.of("d" + text, (long) random.nextInt(5), "e", 1L),
                    random.nextBoolean() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L)),
                    random.nextInt(3) * 50, random.nextInt(2), random.nextInt(2) * 25,
                    random.nextBoolean() ? Optional.empty() : Optional.of(new ProgressRecord.LatestAttempt(random.nextInt(9),
                            "d" + text, Optional.of(Instant.ofEpochSecond(random.nextInt())), ExerciseProgress.Status.FAIL,
                            random.nextInt(2) * 40, random.nextInt(2) * 5)),
                    course ? new TreeSet<>(java.util.List.of(LocalDate.ofEpochDay(random.nextInt(30_000)))) : new TreeSet<>(),
                    course ? new TreeSet<>(java.util.List.of("a" + text, "b")) : new TreeSet<>(), random.nextInt(2) * 9);

            assertThat(RecordJson.text(r)).isEqualTo(jackson(r));
            assertThat(RecordJson.parse(RecordJson.text(r))).isEqualTo(r);
        }
    }

    /** The record as this format's first writer wrote it, field by field with Jackson's generator. */
    private static String jackson(ProgressRecord r) throws java.io.IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("course", r.key().courseId());
            g.writeStringField("kind", r.key().kind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("item", r.key().itemId());
            g.writeStringField("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            if (!r.attempts().isEmpty()) {
                g.writeObjectFieldStart("attempts");
                for (Map.Entry<String, Long> e : new java.util.TreeMap<>(r.attempts()).entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            if (r.firstPassedAt().isPresent()) {
                g.writeStringField("firstPassedAt", r.firstPassedAt().get().toString());
            }
            for (Object[] f : new Object[][] {{"best", r.bestScore()}, {"hints", r.hintsRevealed()}, {"xp", r.xpEarned()}}) {
                if ((int) f[1] != 0) {
                    g.writeNumberField((String) f[0], (int) f[1]);
                }
            }
            if (r.latest().isPresent()) {
                ProgressRecord.LatestAttempt l = r.latest().get();
                g.writeObjectFieldStart("latest");
                g.writeNumberField("stamp", l.stamp());
                g.writeStringField("device", l.deviceId());
                if (l.at().isPresent()) {
                    g.writeStringField("at", l.at().get().toString());
                }
                g.writeStringField("verdict", l.verdict().name().toLowerCase(java.util.Locale.ROOT));
                if (l.score() != 0) {
                    g.writeNumberField("score", l.score());
                }
                if (l.totalQuestions() != 0) {
                    g.writeNumberField("total", l.totalQuestions());
                }
                g.writeEndObject();
            }
            if (!r.activeDays().isEmpty()) {
                g.writeArrayFieldStart("days");
                for (LocalDate d : r.activeDays()) {
                    g.writeString(d.toString());
                }
                g.writeEndArray();
            }
            if (!r.achievements().isEmpty()) {
                g.writeArrayFieldStart("achievements");
                for (String a : r.achievements()) {
                    g.writeString(a);
                }
                g.writeEndArray();
            }
            if (r.longestStreakFloor() != 0) {
                g.writeNumberField("streakFloor", r.longestStreakFloor());
            }
            g.writeEndObject();
        }
        return out.toString();
    }

    @Test
    @DisplayName("names what is wrong in a record it cannot read")
    void malformed() {
        assertThatThrownBy(() -> RecordJson.parse("{\"course\":\"c\",\"kind\":\"exercise\",\"item\":\"a\",\"status\":\"passed\",\"colour\":1}"))
                .isInstanceOf(RecordJson.Malformed.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> RecordJson.parse("{\"course\":\"c\",\"kind\":\"exercise\",\"item\":\"a\",\"status\":\"done\"}"))
                .isInstanceOf(RecordJson.Malformed.class).hasMessageContaining("DONE");
        assertThatThrownBy(() -> RecordJson.parse("{\"course\":\"c\",\"kind\":\"exercise\",\"item\":\"a\",\"status\":\"passed\",\"attempts\":{\"d\":-1}}"))
                .isInstanceOf(RecordJson.Malformed.class).hasMessageContaining("-1");
    }
}
