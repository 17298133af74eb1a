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
            assertThat(RecordJson.instantText(t)).isEqualTo(t.toString());
        }
        for (Instant edge : new Instant[] {Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("1969-12-31T23:59:59.5Z")}) {
            assertThat(RecordJson.instantText(edge)).isEqualTo(edge.toString());
        }
        assertThat(RecordJson.instant("+12026-03-02T09:00:00Z")).isEqualTo(Instant.parse("+12026-03-02T09:00:00Z"));
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
