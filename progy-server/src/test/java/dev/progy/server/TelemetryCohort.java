package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scripted cohort of 20 course installations working through five exercises of {@value #COURSE} on one day, sent
 * through the real telemetry route, one batch per installation. By construction:
 * <ul>
 *   <li>01-hello, 02-loops: 20 start, all pass on the first try;</li>
 *   <li>03-hard: 20 start, 16 (80 %) fail the first try with compile error E0308; 12 of them pass on attempt 2, 4
 *       give up there (their last exercise); 4 pass on attempt 1; installations 0-7 see a hint; installation i
 *       passes after (i+1) seconds, so the times of the 16 passes are 1-12 s and 17-20 s: quartiles 4, 8, 12 s;</li>
 *   <li>04-end: the 16 who passed 03-hard start it and pass on the first try;</li>
 *   <li>05-bonus: 3 start it (16, 17, 18), too few to show.</li>
 * </ul>
 */
final class TelemetryCohort {

    static final String COURSE = "@ada/java-basics";
    static final String VERSION = "1.0.0";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TelemetryCohort() { }

    /** The random-looking installation id of student {@code i}. */
    static String installation(int i) {
        return String.format(Locale.ROOT, "%032x", 0xabc000L + i);
    }

    /** Adds {@code name} owned by {@code owner} with the live version {@value #VERSION} to the registry's tables. */
    static void course(String database, long id, String name, long owner) {
        try (Connection c = TestDatabases.connect(database)) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_course (id, name, scope, owner_id, "
                    + "visibility, summary, created_ms, deleted_ms) VALUES (?, ?, ?, ?, 'public', 'a course', 0, NULL)")) {
                p.setLong(1, id);
                p.setString(2, name);
                p.setString(3, name.substring(0, name.indexOf('/')));
                p.setLong(4, owner);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_course_version (id, course_id, version, "
                    + "state, sha256, size, signature, key_id, verified, yanked, created_ms, live_ms, publish_id, "
                    + "publisher_id, staged) VALUES (?, ?, ?, 'live', 'x', 1, NULL, NULL, 1, 0, 0, 0, ?, ?, '')")) {
                p.setLong(1, id);
                p.setLong(2, id);
                p.setString(3, VERSION);
                p.setString(4, "publish-" + id);
                p.setLong(5, owner);
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not add the course " + name + ": " + e.getMessage(), e);
        }
    }

    /** An event of student {@code i} as the CLI sends it. */
    static ObjectNode event(String type, String exercise, int attempt, long sinceMs, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type).put("course", COURSE).put("version", VERSION).put("exercise", exercise)
                .put("attempt", attempt).put("since_start_ms", sinceMs).put("at", at.toString());
        return e;
    }

    static ObjectNode batch(String key, String installation, List<ObjectNode> events) {
        ObjectNode b = JSON.createObjectNode();
        b.put("batch", key).put("installation", installation);
        ArrayNode all = b.putArray("events");
        events.forEach(all::add);
        return b;
    }

    /** The events of student {@code i}, from 08:00 of {@code day} on. */
    static List<ObjectNode> events(int i, LocalDate day) {
        List<ObjectNode> all = new ArrayList<>();
        Instant start = day.atTime(8, 0).toInstant(ZoneOffset.UTC).plusSeconds(i * 600L);
        int[] t = {0};
        java.util.function.Supplier<Instant> next = () -> start.plusSeconds(++t[0]);
        for (String ex : List.of("basics/01-hello", "basics/02-loops")) {
            all.add(event("exercise_started", ex, 1, 0, next.get()));
            all.add(event("exercise_passed", ex, 1, 5000, next.get()));
        }
        String hard = "basics/03-hard";
        all.add(event("exercise_started", hard, 1, 0, next.get()));
        if (i < 8) {
            all.add(event("hint_shown", hard, 1, 500, next.get()));
        }
        if (i < 16) {
            ObjectNode failed = event("run_failed", hard, 1, 700, next.get());
            failed.putObject("signature").put("kind", "compile_error").put("message", "E0308");
            all.add(failed);
            if (i >= 12) {
                return all; // gives up
            }
            all.add(event("exercise_passed", hard, 2, (i + 1) * 1000L, next.get()));
        } else {
            all.add(event("exercise_passed", hard, 1, (i + 1) * 1000L, next.get()));
        }
        all.add(event("exercise_started", "basics/04-end", 1, 0, next.get()));
        all.add(event("exercise_passed", "basics/04-end", 1, 3000, next.get()));
        if (i >= 16 && i <= 18) {
            all.add(event("exercise_started", "basics/05-bonus", 1, 0, next.get()));
        }
        return all;
    }

    /** Sends every student's events, one batch each; returns the batches' answers. */
    static List<JsonNode> send(String base, LocalDate day) throws Exception {
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(post(base, batch(String.format(Locale.ROOT, "%032x", 0xbad000L + i), installation(i),
                    events(i, day)).toString()).body());
        }
        return answers;
    }

    record Answer(int status, JsonNode body) { }

    static Answer post(String base, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/telemetry"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("User-Agent", "progy-cli/0.1.0").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    static Answer delete(String base, String installation) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "/api/v1/telemetry/installations/" + installation)).timeout(Duration.ofSeconds(30)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }
}
