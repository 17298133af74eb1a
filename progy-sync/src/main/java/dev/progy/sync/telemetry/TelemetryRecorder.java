package dev.progy.sync.telemetry;

import dev.progy.model.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Turns what the student did into events on the queue, when telemetry is on: a first run starts the exercise, each
 * run is an attempt that passes or fails with its {@link ErrorSignature}, and hints and quiz grades are noted. Each
 * event names the course and its version, the exercise, the attempt and the time since the exercise started; the
 * JSON text of each is written once here, so that what is shown and what is sent are the same bytes.
 */
public final class TelemetryRecorder {

    private final TelemetryStore store;
    private final String course;
    private final String version;

    /** Records for {@code course} at {@code version} into {@code store}. */
    public TelemetryRecorder(TelemetryStore store, String course, String version) {
        this.store = store;
        this.course = course;
        this.version = version;
    }

    /**
     * A run of {@code exercise} ended with {@code result}: started (first run), then passed or run_failed. Each of these
     * methods answers whether a send is due now (see {@link TelemetrySender#due}); false when telemetry is off.
     */
    public boolean run(String exercise, RunResult result, Instant at) {
        if (!Files.isDirectory(store.dir())) {
            return false; // never turned on
        }
        return store.update(p -> {
            if (!"on".equals(p.getProperty("consent"))) {
                return false; // read under the lock with the rest: one read of the state a run
            }
            List<String> events = new ArrayList<>(2);
            long started = started(p, exercise, at, events);
            int attempt = Integer.parseInt(p.getProperty("ex." + exercise + ".attempts", "0")) + 1;
            p.setProperty("ex." + exercise + ".attempts", Integer.toString(attempt));
            if (result.passed()) {
                events.add(event("exercise_passed", exercise, attempt, at, started, null, null));
            } else {
                events.add(event("run_failed", exercise, attempt, at, started, ErrorSignature.of(result), null));
            }
            return appendAll(p, events, at);
        });
    }

    /**
     * Goes through what {@link #run} does for {@code result}, reading the state and writing nothing, so that the run's
     * event is then recorded by code that has run once: a command calls it on another thread while the exercise runs
     * (a one-shot command is a fresh JVM, whose first pass through any code costs milliseconds of class loading and
     * linking). Whether telemetry is on.
     */
    public boolean rehearse(String exercise, RunResult result, Instant at) {
        if (!Files.isDirectory(store.dir())) {
            return false;
        }
        // under the lock like a run, on a copy of the state: the store sees nothing changed and writes nothing
        return store.update(p -> {
            if (!"on".equals(p.getProperty("consent"))) {
                return false;
            }
            Properties copy = (Properties) p.clone();
            List<String> events = new ArrayList<>(2);
            long started = started(copy, exercise, at, events);
            events.add(event("run_failed", exercise, 1, at, started, ErrorSignature.of(result), null));
            TelemetrySender.due(copy, at);
            return true;
        });
    }

    /** A hint of {@code exercise} was shown. */
    public boolean hint(String exercise, Instant at) {
        return simple("hint_shown", exercise, at, null);
    }

    /** The quiz of {@code exercise} was graded {@code score} (0–100). */
    public boolean quiz(String exercise, int score, Instant at) {
        return simple("quiz_graded", exercise, at, score);
    }

    /** A tutor lesson for {@code exercise} was shown. */
    public boolean lesson(String exercise, Instant at) {
        return simple("lesson_given", exercise, at, null);
    }

    /** A tutor lesson for {@code exercise} was rated {@code stars} (1–5). */
    public boolean lessonRated(String exercise, int stars, Instant at) {
        return simple("lesson_rated", exercise, at, stars);
    }

    private boolean simple(String type, String exercise, Instant at, Integer value) {
        if (!store.enabled()) {
            return false;
        }
        return store.update(p -> {
            List<String> events = new ArrayList<>(2);
            long started = started(p, exercise, at, events);
            int attempt = Integer.parseInt(p.getProperty("ex." + exercise + ".attempts", "0"));
            events.add(event(type, exercise, attempt, at, started, null, value));
            return appendAll(p, events, at);
        });
    }

    /** When the exercise started, recording it (and its event) now if this is the first thing done in it. */
    private long started(Properties p, String exercise, Instant at, List<String> events) {
        String key = "ex." + exercise + ".started";
        String known = p.getProperty(key);
        if (known != null) {
            return Long.parseLong(known);
        }
        long now = at.toEpochMilli();
        p.setProperty(key, Long.toString(now));
        events.add(event("exercise_started", exercise, 1, at, now, null, null));
        return now;
    }

    private boolean appendAll(Properties p, List<String> events, Instant at) {
        try {
            store.append(p, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TelemetrySender.due(p, at);
    }

    private String event(String type, String exercise, int attempt, Instant at, long started,
                         ErrorSignature signature, Integer value) {
        StringBuilder sb = new StringBuilder(192).append("{\"type\":");
        Json.string(sb, type).append(",\"course\":");
        Json.string(sb, course).append(",\"version\":");
        Json.string(sb, version).append(",\"exercise\":");
        Json.string(sb, exercise).append(",\"attempt\":").append(attempt)
                .append(",\"since_start_ms\":").append(Math.max(0, at.toEpochMilli() - started))
                .append(",\"at\":");
        Json.string(sb, Instant.ofEpochSecond(at.getEpochSecond()).toString());
        if (signature != null) {
            sb.append(",\"signature\":{\"kind\":");
            Json.string(sb, signature.kind());
            Optional<String> test = signature.test();
            if (test.isPresent()) {
                Json.string(sb.append(",\"test\":"), test.get());
            }
            Optional<String> message = signature.message();
            if (message.isPresent()) {
                Json.string(sb.append(",\"message\":"), message.get());
            }
            sb.append('}');
        }
        if (value != null) {
            sb.append(",\"value\":").append(value);
        }
        return sb.append('}').toString();
    }
}
