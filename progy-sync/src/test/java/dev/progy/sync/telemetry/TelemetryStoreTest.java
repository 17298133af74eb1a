package dev.progy.sync.telemetry;

import dev.progy.model.RunResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryStoreTest {

    @TempDir
    Path state;

    private static RunResult failed() {
        return new RunResult(RunResult.Status.FAIL, RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false,
                OptionalInt.of(1), OptionalInt.empty(), Duration.ZERO, RunResult.Source.EXIT_CODE);
    }

    @Test
    @DisplayName("nothing is recorded before the student agrees")
    void offUntilAgreed() {
        TelemetryStore store = TelemetryStore.in(state);
        new TelemetryRecorder(store, "@a/course", "1.0.0").run("m/e", failed(), Instant.now());
        assertThat(store.consent()).isEqualTo(TelemetryStore.Consent.UNASKED);
        assertThat(store.queued()).isEmpty();
        assertThat(TelemetrySender.nextBody(store)).isEmpty();
    }

    @Test
    @DisplayName("a full queue drops its oldest events first and counts them")
    void capDropsOldest() {
        TelemetryStore store = TelemetryStore.in(state).withCap(20);
        store.setConsent(true, Instant.parse("2026-12-06T10:00:00Z"));
        TelemetryRecorder rec = new TelemetryRecorder(store, "@a/course", "1.0.0");
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        for (int i = 1; i <= 30; i++) {
            rec.run("m/e", failed(), t.plusSeconds(i)); // the first run also starts the exercise: 31 events
        }
        List<String> queued = store.queued();
        // over the cap of 20 the oldest tenth goes at once (21 → 19), so the queue never passes 20
        assertThat(queued.size()).isLessThanOrEqualTo(20);
        assertThat(store.dropped()).isEqualTo(31 - queued.size());
        assertThat(queued.get(queued.size() - 1)).contains("\"attempt\":30");
        assertThat(queued.get(0)).contains("\"attempt\":" + (31 - queued.size()));
    }

    @Test
    @DisplayName("a line torn by a killed process is never shown or sent, and the next event starts a clean line")
    void tornLine() throws IOException {
        TelemetryStore store = TelemetryStore.in(state);
        store.setConsent(true, Instant.now());
        TelemetryRecorder rec = new TelemetryRecorder(store, "@a/course", "1.0.0");
        rec.hint("m/e", Instant.now());
        Files.writeString(store.dir().resolve("queue.jsonl"), "{\"type\":\"hint_sh", StandardOpenOption.APPEND);
        assertThat(store.queued()).hasSize(2);
        rec.hint("m/e", Instant.now());
        assertThat(store.queued()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"type\":").endsWith("}"));
        String body = new String(TelemetrySender.nextBody(store).orElseThrow());
        assertThat(body).doesNotContain("hint_sh\"").contains("\"events\":[{");
    }

    @Test
    @DisplayName("turning telemetry off drops the queue")
    void offDropsQueue() {
        TelemetryStore store = TelemetryStore.in(state);
        store.setConsent(true, Instant.now());
        new TelemetryRecorder(store, "@a/course", "1.0.0").hint("m/e", Instant.now());
        store.setConsent(false, Instant.now());
        assertThat(store.queued()).isEmpty();
        assertThat(store.consent()).isEqualTo(TelemetryStore.Consent.OFF);
    }

    @Test
    @DisplayName("the state survives a change torn by a kill, and a long state log is compacted without losing anything")
    void stateLog() throws IOException {
        TelemetryStore store = TelemetryStore.in(state);
        store.setConsent(true, Instant.now());
        Files.writeString(store.dir().resolve(TelemetryStore.STATE), "consent\u001eoff\u001finstall", StandardOpenOption.APPEND);
        assertThat(store.enabled()).isTrue();
        TelemetryRecorder rec = new TelemetryRecorder(store, "@a/course", "1.0.0");
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        for (int i = 1; i <= 1500; i++) {
            rec.run("m/e" + (i % 3), failed(), t.plusSeconds(i));
        }
        assertThat(Files.size(store.dir().resolve(TelemetryStore.STATE))).isLessThan(80 * 1024);
        assertThat(store.enabled()).isTrue();
        rec.run("m/e0", failed(), t.plusSeconds(2000));
        List<String> queued = store.queued();
        assertThat(queued.get(queued.size() - 1)).contains("\"attempt\":501,");
    }
}
