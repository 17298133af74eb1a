package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.sync.hub.HubTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.progy.server.TelemetryCohort.COURSE;
import static dev.progy.server.TelemetryCohort.batch;
import static dev.progy.server.TelemetryCohort.event;
import static dev.progy.server.TelemetryCohort.installation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's telemetry on a real server and database (the README's "Course analytics" paragraph): strict validation, unknown courses refused
 * per event, a retried batch counted once, a daily roll-up by the durable job that matches figures worked out by
 * hand on a scripted cohort and changes nothing when run again, and an installation's events erased on request.
 * Every database backend of the server must pass it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class TelemetryContract {

    @TempDir
    Path tmp;

    String database;
    ProgyServer server;
    String base;
    HubTelemetry store;
    /** The cohort's day: 20 days ago, so its roll-up is final and students quiet since then count as gone. */
    final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(20);

    protected abstract String database();

    @BeforeEach
    void startServer() {
        database = database();
        server = TestServers.start(database);
        base = TestServers.url(server);
        store = server.hub().telemetry();
        server.accounts().create("ada");
        long owner = server.accounts().bearer(server.accounts().createToken("ada", java.util.Set.of("read"),
                Optional.empty(), "t")).orElseThrow().account();
        TelemetryCohort.course(database, 1, COURSE, owner);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        TestDatabases.drop(database);
    }

    static String key(int n) {
        return String.format("%032x", 0xfeed000L + n);
    }

    List<ObjectNode> one() {
        return new ArrayList<>(List.of(event("exercise_started", "basics/01-hello", 1, 0,
                Instant.now().minusSeconds(60))));
    }

    @Test
    @DisplayName("a body with an unknown field, a signature on the wrong event or over 500 events is refused whole, "
            + "saying what is wrong")
    void strictValidation() throws Exception {
        ObjectNode unknown = batch(key(1), installation(1), one());
        unknown.put("machine", "laptop-of-ada");
        TelemetryCohort.Answer a = TelemetryCohort.post(base, unknown.toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("message").asText()).contains("\"machine\"").doesNotContain("Exception");

        List<ObjectNode> events = one();
        events.get(0).put("path", "/home/ada/course");
        a = TelemetryCohort.post(base, batch(key(2), installation(1), events).toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("message").asText()).contains("\"path\"").contains("event 0");

        events = one();
        events.get(0).putObject("signature").put("kind", "compile_error");
        a = TelemetryCohort.post(base, batch(key(3), installation(1), events).toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("message").asText()).contains("only run_failed");

        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(one().get(0));
        }
        a = TelemetryCohort.post(base, batch(key(4), installation(1), many).toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body().path("message").asText()).contains("at most 500");

        a = TelemetryCohort.post(base, batch("not-hex", installation(1), one()).toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(store.events(installation(1))).isZero();
    }

    @Test
    @DisplayName("an event for a course or version the registry does not serve is refused alone, with its index")
    void unknownCourseRefusedPerEvent() throws Exception {
        List<ObjectNode> events = one();
        events.add(one().get(0).put("course", "@nobody/nothing"));
        events.add(one().get(0).put("version", "9.9.9"));
        events.add(one().get(0));
        JsonNode a = TelemetryCohort.post(base, batch(key(5), installation(2), events).toString()).body();
        assertThat(a.path("accepted").asInt()).isEqualTo(2);
        assertThat(a.path("duplicate").asBoolean()).isFalse();
        assertThat(a.path("refused")).hasSize(2);
        assertThat(a.path("refused").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(a.path("refused").get(0).path("reason").asText()).contains("@nobody/nothing");
        assertThat(a.path("refused").get(1).path("index").asInt()).isEqualTo(2);
        assertThat(store.events(installation(2))).isEqualTo(2);
    }

    @Test
    @DisplayName("a batch sent again (a retry) stores nothing more and gets the first answer, marked duplicate")
    void retryCountsOnce() throws Exception {
        List<ObjectNode> events = one();
        events.add(one().get(0).put("course", "@nobody/nothing"));
        String body = batch(key(6), installation(3), events).toString();
        JsonNode first = TelemetryCohort.post(base, body).body();
        JsonNode again = TelemetryCohort.post(base, body).body();
        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(again.path("accepted").asInt()).isEqualTo(1);
        assertThat(again.path("refused")).isEqualTo(first.path("refused"));
        assertThat(store.events(installation(3))).isEqualTo(1);
    }

    @Test
    @DisplayName("the daily job rolls a cohort's day up to the figures worked out by hand; rolling up again changes "
            + "nothing; a forgotten installation's events are erased and leave the next roll-up")
    void cohortRolledUp() throws Exception {
        for (JsonNode a : TelemetryCohort.send(base, day)) {
            assertThat(a.path("refused")).as(a.toString()).isEmpty();
        }
        server.telemetry().tick();
        Eventually.await("the cohort's day to be rolled up", Duration.ofSeconds(60),
                () -> store.rollUpOf(day.toString()).isPresent());
        assertThat(store.rollUpOf(day.toString()).orElseThrow().done()).isTrue();
        List<HubTelemetry.Figures> figures = store.figures(COURSE, "1.0.0", day, day);
        Map<String, HubTelemetry.Figures> by = new java.util.HashMap<>();
        figures.forEach(f -> by.put(f.exercise(), f));
        assertThat(by).containsOnlyKeys("basics/01-hello", "basics/02-loops", "basics/03-hard", "basics/04-end",
                "basics/05-bonus");

        HubTelemetry.Figures hard = by.get("basics/03-hard");
        assertThat(hard.started()).isEqualTo(20);
        assertThat(hard.firstTries()).isEqualTo(20);
        assertThat(hard.firstFailed()).isEqualTo(16); // 80 % fail the first try
        assertThat(hard.passed()).isEqualTo(16);
        assertThat(hard.attemptsToPass()).isEqualTo(12 * 2 + 4);
        assertThat(hard.attempts()).isEqualTo(Map.of(1, 4L, 2, 12L));
        assertThat(hard.hints()).isEqualTo(8);
        assertThat(hard.dropped()).isEqualTo(4);
        assertThat(hard.lastSeen()).isEqualTo(4);
        assertThat(new long[] {hard.timeP25(), hard.timeP50(), hard.timeP75()}).containsExactly(4000, 8000, 12000);
        assertThat(store.signatures(COURSE, "1.0.0", "basics/03-hard", day, day, 5))
                .containsExactly(new HubTelemetry.Signature("compile_error", "", "E0308", 16));

        HubTelemetry.Figures hello = by.get("basics/01-hello");
        assertThat(hello.started()).isEqualTo(20);
        assertThat(hello.firstFailed()).isZero();
        assertThat(hello.dropped()).isZero();
        assertThat(by.get("basics/04-end").started()).isEqualTo(16);
        assertThat(by.get("basics/04-end").lastSeen()).isEqualTo(13);
        assertThat(by.get("basics/05-bonus").started()).isEqualTo(3);
        assertThat(by.get("basics/05-bonus").dropped()).isEqualTo(3);

        store.rollUp(day.toString(), LocalDate.now(ZoneOffset.UTC));
        store.rollUp(day.toString(), LocalDate.now(ZoneOffset.UTC));
        assertThat(store.figures(COURSE, "1.0.0", day, day)).isEqualTo(figures);

        TelemetryCohort.Answer gone = TelemetryCohort.delete(base, installation(0));
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.body().path("erased").asLong()).isEqualTo(TelemetryCohort.events(0, day).size());
        assertThat(store.events(installation(0))).isZero();
        assertThat(TelemetryCohort.delete(base, "not-an-id").status()).isEqualTo(400);
        store.rollUp(day.toString(), LocalDate.now(ZoneOffset.UTC));
        assertThat(store.figures(COURSE, "1.0.0", day, day).get(0).started()).isEqualTo(19);
    }

    @Test
    @DisplayName("raw events older than the retention period go once their day is rolled up for good, not before")
    void retention() throws Exception {
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        List<ObjectNode> events = List.of(event("exercise_started", "basics/01-hello", 1, 0,
                old.atTime(9, 0).toInstant(ZoneOffset.UTC)));
        assertThat(TelemetryCohort.post(base, batch(key(7), installation(7), events).toString()).body()
                .path("accepted").asInt()).isEqualTo(1);
        assertThat(store.deleteRolledUp(LocalDate.now(ZoneOffset.UTC))).isZero(); // not rolled up: kept
        store.rollUp(old.toString(), LocalDate.now(ZoneOffset.UTC));
        assertThat(store.deleteRolledUp(old)).isZero(); // within the period: kept
        assertThat(store.deleteRolledUp(old.plusDays(1))).isEqualTo(1);
        assertThat(store.figures(COURSE, "1.0.0", old, old).get(0).started()).isEqualTo(1); // the figures stay
    }
}
