package dev.progy.internal.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.progy.spi.support.json.JsonTrees;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.progy.error.ProgyException;
import dev.progy.spi.support.IsoInstants;
import dev.progy.model.CourseProgress;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.ProgressStats;
import dev.progy.model.QuizProgress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The progress file's JSON shape: the original Progy's {@code progress.json} plus a {@code formatVersion} and
 * the fields the model added ({@code lastRunAt}, {@code hintsRevealed}, {@code bestScore}, …).
 *
 * <pre>
 * {"formatVersion":1, "courseId":"…",
 *  "stats":{"totalXp","currentStreak","longestStreak","lastActiveDate":"2025-01-31","exercisesPassed"},
 *  "exercises":{"01_basics/01_hello":{"status":"pass|fail|not_started","xpEarned","completedAt","attempts",
 *                                     "lastRunAt","hintsRevealed"}},
 *  "quizzes":{"01_basics/01_hello":{"passed","score","bestScore","totalQuestions","attempts","xpEarned",
 *                                   "completedAt"}},
 *  "achievements":["…"]}
 * </pre>
 *
 * Reading is lenient about what is missing (an original file has no {@code formatVersion}; missing fields take
 * their defaults) and strict about what is wrong (a field of the wrong type is reported, never guessed at).
 * Fields this version does not know, such as the original's {@code tutorSuggestion}, are carried over on write.
 */
public final class ProgressJson {

    /** The version this code writes; files with a higher one come from a newer Progy. */
    static final int FORMAT_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProgressJson() { }

    /** Why a progress file cannot be read, in words for the student. */
    static final class Damaged extends Exception {
        Damaged(String message) {
            super(message);
        }
    }

    /** A parsed file: the progress and the raw tree, whose unknown fields {@link #write} keeps. */
    record Parsed(CourseProgress progress, ObjectNode tree) { }

    /**
     * The progress held in {@code bytes} (an original Progy's {@code progress.json} or a file of the file store),
     * as the progress of {@code courseId}; what the file store and stores that take over its files read.
     *
     * @throws ProgyException when it cannot be read, saying why
     */
    public static CourseProgress progress(byte[] bytes, String courseId) {
        try {
            return read(bytes, courseId).progress();
        } catch (Damaged e) {
            throw new ProgyException("The progress cannot be read: " + e.getMessage() + ".",
                    "Check that it is a progress.json written by Progy.");
        }
    }

    static Parsed read(byte[] bytes, String courseId) throws Damaged {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new Damaged("it is empty");
        }
        JsonNode root;
        try {
            root = JsonTrees.read(bytes);
        } catch (IOException e) {
            throw new Damaged(JsonTrees.problem(e));
        }
        if (root == null || !root.isObject()) {
            throw new Damaged("it does not hold a JSON object");
        }
        int version = integer(root, "formatVersion", "formatVersion", 0);
        if (version > FORMAT_VERSION) {
            throw new Damaged("it was written by a newer Progy (format version " + version + ", this one reads up to "
                    + FORMAT_VERSION + ")");
        }
        Map<String, ExerciseProgress> exercises = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(root, "exercises")) {
            exercises.put(e.getKey(), exercise(e.getValue(), "exercises." + e.getKey()));
        }
        Map<String, QuizProgress> quizzes = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(root, "quizzes")) {
            quizzes.put(e.getKey(), quiz(e.getValue(), "quizzes." + e.getKey()));
        }
        List<String> achievements = new ArrayList<>();
        JsonNode list = root.path("achievements");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw wrongType("achievements", "a list");
            }
            for (JsonNode a : list) {
                if (!a.isTextual()) {
                    throw wrongType("achievements", "a list of texts");
                }
                achievements.add(a.asText());
            }
        }
        int passedCount = (int) exercises.values().stream().filter(ExerciseProgress::everPassed).count();
        ProgressStats stats = stats(object(root, "stats", "stats"), passedCount);
        return new Parsed(new CourseProgress(courseId, stats, exercises, quizzes, achievements), (ObjectNode) root);
    }

    static byte[] write(CourseProgress p, Optional<ObjectNode> previous) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("courseId", p.courseId());
        ObjectNode stats = root.putObject("stats");
        stats.put("totalXp", p.stats().totalXp());
        stats.put("currentStreak", p.stats().currentStreak());
        stats.put("longestStreak", p.stats().longestStreak());
        p.stats().lastActiveDate().ifPresent(d -> stats.put("lastActiveDate", d.toString()));
        stats.put("exercisesPassed", p.stats().exercisesPassed());
        ObjectNode exercises = root.putObject("exercises");
        new TreeMap<>(p.exercises()).forEach((id, e) -> {
            ObjectNode n = exercises.putObject(id);
            n.put("status", e.status().name().toLowerCase(Locale.ROOT));
            n.put("xpEarned", e.xpEarned());
            e.firstPassedAt().ifPresent(t -> n.put("completedAt", IsoInstants.format(t)));
            n.put("attempts", e.attempts());
            e.lastRunAt().ifPresent(t -> n.put("lastRunAt", IsoInstants.format(t)));
            n.put("hintsRevealed", e.hintsRevealed());
        });
        ObjectNode quizzes = root.putObject("quizzes");
        new TreeMap<>(p.quizzes()).forEach((id, q) -> {
            ObjectNode n = quizzes.putObject(id);
            n.put("passed", q.passed());
            n.put("score", q.score());
            n.put("bestScore", q.bestScore());
            n.put("totalQuestions", q.totalQuestions());
            n.put("attempts", q.attempts());
            n.put("xpEarned", q.xpEarned());
            q.completedAt().ifPresent(t -> n.put("completedAt", IsoInstants.format(t)));
        });
        ArrayNode achievements = root.putArray("achievements");
        p.achievements().forEach(achievements::add);
        previous.ifPresent(old -> {
            keepUnknown(old, root);
            if (old.path("stats").isObject()) {
                keepUnknown((ObjectNode) old.get("stats"), stats);
            }
        });
        return JsonTrees.write(root, true);
    }

    private static void keepUnknown(ObjectNode from, ObjectNode to) {
        for (Map.Entry<String, JsonNode> f : from.properties()) {
            if (!to.has(f.getKey())) {
                to.set(f.getKey(), f.getValue());
            }
        }
    }

    private static ProgressStats stats(JsonNode n, int passedCount) throws Damaged {
        return new ProgressStats(
                integer(n, "totalXp", "stats.totalXp", 0),
                integer(n, "currentStreak", "stats.currentStreak", 0),
                integer(n, "longestStreak", "stats.longestStreak", 0),
                instant(n, "lastActiveDate", "stats.lastActiveDate", true)
                        .map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC)),
                // the original did not count passes; they follow from the exercises
                integer(n, "exercisesPassed", "stats.exercisesPassed", passedCount));
    }

    private static ExerciseProgress exercise(JsonNode n, String where) throws Damaged {
        if (!n.isObject()) {
            throw wrongType(where, "an object");
        }
        String statusText = text(n, "status", where + ".status", "not_started");
        ExerciseProgress.Status status = switch (statusText.toLowerCase(Locale.ROOT)) {
            case "pass", "passed" -> ExerciseProgress.Status.PASS;
            case "fail", "failed" -> ExerciseProgress.Status.FAIL;
            case "not_started" -> ExerciseProgress.Status.NOT_STARTED;
            default -> throw new Damaged(where + ".status is \"" + statusText
                    + "\", expected pass, fail or not_started");
        };
        int xp = integer(n, "xpEarned", where + ".xpEarned", 0);
        Optional<Instant> lastRun = instant(n, "lastRunAt", where + ".lastRunAt", false);
        Optional<Instant> passedAt = instant(n, "completedAt", where + ".completedAt", false);
        if (passedAt.isEmpty() && (status == ExerciseProgress.Status.PASS || xp > 0)) {
            // a pass recorded without its date must still count as a pass, or its XP would be granted again
            passedAt = Optional.of(lastRun.orElse(Instant.EPOCH));
        }
        return new ExerciseProgress(status, integer(n, "attempts", where + ".attempts", 0), xp, passedAt, lastRun,
                integer(n, "hintsRevealed", where + ".hintsRevealed", 0));
    }

    private static QuizProgress quiz(JsonNode n, String where) throws Damaged {
        if (!n.isObject()) {
            throw wrongType(where, "an object");
        }
        int score = integer(n, "score", where + ".score", 0);
        JsonNode passed = n.path("passed");
        if (!passed.isMissingNode() && !passed.isNull() && !passed.isBoolean()) {
            throw wrongType(where + ".passed", "true or false");
        }
        return new QuizProgress(passed.asBoolean(false), score,
                integer(n, "bestScore", where + ".bestScore", score),
                integer(n, "totalQuestions", where + ".totalQuestions", 0),
                integer(n, "attempts", where + ".attempts", 1),
                integer(n, "xpEarned", where + ".xpEarned", 0),
                instant(n, "completedAt", where + ".completedAt", false));
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode root, String field) throws Damaged {
        return object(root, field, field).properties();
    }

    private static JsonNode object(JsonNode parent, String field, String where) throws Damaged {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return NODES.objectNode();
        }
        if (!n.isObject()) {
            throw wrongType(where, "an object");
        }
        return n;
    }

    private static int integer(JsonNode parent, String field, String where, int defaultValue) throws Damaged {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return defaultValue;
        }
        if (!n.isNumber() || !n.canConvertToInt() || n.asDouble() != Math.rint(n.asDouble())) {
            throw wrongType(where, "a whole number");
        }
        if (n.asInt() < 0) {
            // every number here counts something (XP, attempts, days, questions): a negative one was not written by
            // Progy, and taking it would let progress be forged or break the totals
            throw new Damaged(where + " is " + n.asInt() + ", but it counts something and cannot be negative");
        }
        return n.asInt();
    }

    private static String text(JsonNode parent, String field, String where, String defaultValue) throws Damaged {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return defaultValue;
        }
        if (!n.isTextual()) {
            throw wrongType(where, "a text");
        }
        return n.asText();
    }

    /** A point in time as ISO text or epoch milliseconds (both appear in original files); a plain date if allowed. */
    private static Optional<Instant> instant(JsonNode parent, String field, String where, boolean dateAllowed)
            throws Damaged {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        if (n.isIntegralNumber()) {
            return Optional.of(Instant.ofEpochMilli(n.asLong()));
        }
        if (n.isTextual()) {
            String s = n.asText().trim();
            try {
                if (dateAllowed && s.length() == 10) {
                    LocalDate quick = IsoInstants.quickDate(s);
                    return Optional.of((quick != null ? quick : LocalDate.parse(s)).atStartOfDay(ZoneOffset.UTC)
                            .toInstant());
                }
                Instant quick = IsoInstants.quick(s); // what Progy writes; other forms through the JDK's parser
                return Optional.of(quick != null ? quick : OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
        }
        throw wrongType(where, dateAllowed ? "a date such as 2025-01-31" : "a time such as 2025-01-31T12:00:00Z");
    }

    private static Damaged wrongType(String where, String expected) {
        return new Damaged(where + " should be " + expected);
    }
}
