package dev.progy.sync.wire;

import dev.progy.spi.support.IsoInstants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.Key;
import dev.progy.model.ProgressRecord.Kind;
import dev.progy.model.ProgressRecord.LatestAttempt;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A {@link ProgressRecord} as JSON on the wire and in the server's rows. Canonical: fields in a fixed order, maps and
 * sets sorted, zero and empty fields left out, so two equal records always encode to the same text (the server
 * compares texts to tell what changed) and one record is a few hundred bytes.
 *
 * <pre>
 * {"course":"…","kind":"exercise|quiz|course","item":"…","status":"not_started|attempted|passed",
 *  "attempts":{"&lt;device&gt;":n},"firstPassedAt":"2025-03-03T09:00:00Z","best":n,"hints":n,"xp":n,
 *  "latest":{"stamp":n,"device":"…","at":"…","verdict":"pass|fail|not_started","score":n,"total":n},
 *  "days":["2025-03-03"],"achievements":["…"],"streakFloor":n}
 * </pre>
 *
 * Reading is streaming and strict: an unknown field or a wrong type is a {@link Malformed} naming it.
 */
public final class RecordJson {

    static final JsonFactory JSON = JsonFactory.builder().build();

    private RecordJson() { }

    /** Why some JSON is not a record or message of this format. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    /** The canonical text of {@code r}. */
    public static String text(ProgressRecord r) {
        return CanonicalText.of(r);
    }

    /** The record in {@code text}. */
    public static ProgressRecord parse(String text) throws Malformed {
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new Malformed("a record is not valid JSON: " + e.getMessage());
        }
    }

    /** Writes {@code r} as one JSON object, its {@linkplain #text canonical text}. */
    public static void write(JsonGenerator g, ProgressRecord r) throws IOException {
        g.writeRawValue(CanonicalText.of(r));
    }

    /** Reads the object the parser is at (its current token is {@code START_OBJECT}). */
    public static ProgressRecord read(JsonParser p) throws IOException, Malformed {
        expect(p, JsonToken.START_OBJECT, "a record");
        String course = null;
        String kind = null;
        String item = null;
        String status = null;
        Map<String, Long> attempts = Map.of();
        Optional<Instant> firstPassed = Optional.empty();
        int best = 0;
        int hints = 0;
        int xp = 0;
        Optional<LatestAttempt> latest = Optional.empty();
        TreeSet<LocalDate> days = new TreeSet<>();
        TreeSet<String> achievements = new TreeSet<>();
        int streakFloor = 0;
        try {
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "course" -> course = text(p, field);
                    case "kind" -> kind = text(p, field);
                    case "item" -> item = text(p, field);
                    case "status" -> status = text(p, field);
                    case "attempts" -> attempts = counts(p);
                    case "firstPassedAt" -> firstPassed = Optional.of(instant(text(p, field)));
                    case "best" -> best = integer(p, field);
                    case "hints" -> hints = integer(p, field);
                    case "xp" -> xp = integer(p, field);
                    case "latest" -> latest = Optional.of(latest(p));
                    case "days" -> {
                        expect(p, JsonToken.START_ARRAY, field);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            days.add(LocalDate.parse(text(p, field)));
                        }
                    }
                    case "achievements" -> {
                        expect(p, JsonToken.START_ARRAY, field);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            achievements.add(text(p, field));
                        }
                    }
                    case "streakFloor" -> streakFloor = integer(p, field);
                    default -> throw new Malformed("a record has an unknown field \"" + field + "\" (" + value + ")");
                }
            }
            if (course == null || kind == null || item == null || status == null) {
                throw new Malformed("a record lacks one of course, kind, item, status");
            }
            Key key = new Key(course, constant(Kind.class, kind), item);
            return new ProgressRecord(key, constant(ProgressRecord.Status.class, status), attempts, firstPassed, best,
                    hints, xp, latest, days, achievements, streakFloor);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new Malformed("a record has a wrong value: " + e.getMessage());
        }
    }

    private static LatestAttempt latest(JsonParser p) throws IOException, Malformed {
        expect(p, JsonToken.START_OBJECT, "latest");
        long stamp = 0;
        String device = null;
        Optional<Instant> at = Optional.empty();
        String verdict = null;
        int score = 0;
        int total = 0;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            p.nextToken();
            switch (field) {
                case "stamp" -> stamp = number(p, field);
                case "device" -> device = text(p, field);
                case "at" -> at = Optional.of(instant(text(p, field)));
                case "verdict" -> verdict = text(p, field);
                case "score" -> score = integer(p, field);
                case "total" -> total = integer(p, field);
                default -> throw new Malformed("a record's latest attempt has an unknown field \"" + field + "\"");
            }
        }
        if (device == null || verdict == null) {
            throw new Malformed("a record's latest attempt lacks its device or verdict");
        }
        return new LatestAttempt(stamp, device, at, constant(ExerciseProgress.Status.class, verdict), score, total);
    }

    /** What {@link CanonicalText#instant} writes, read back (any other ISO-8601 instant through the JDK's parser). */
    static Instant instant(String s) {
        return IsoInstants.parse(s);
    }

    private static Map<String, Long> counts(JsonParser p) throws IOException, Malformed {
        expect(p, JsonToken.START_OBJECT, "attempts");
        Map<String, Long> counts = new HashMap<>();
        for (String device = p.nextFieldName(); device != null; device = p.nextFieldName()) {
            p.nextToken();
            long n = number(p, "attempts");
            if (n < 0) {
                throw new Malformed("a record counts " + n + " attempts on " + device);
            }
            counts.put(device, n);
        }
        return counts;
    }

    static void expect(JsonParser p, JsonToken token, String what) throws Malformed {
        if (p.currentToken() != token) {
            throw new Malformed(what + " should be " + (token == JsonToken.START_ARRAY ? "a list" : "an object")
                    + ", not " + p.currentToken());
        }
    }

    static String text(JsonParser p, String field) throws IOException, Malformed {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new Malformed(field + " should be a text, not " + p.currentToken());
        }
        return p.getText();
    }

    static long number(JsonParser p, String field) throws IOException, Malformed {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new Malformed(field + " should be a whole number, not " + p.currentToken());
        }
        return p.getLongValue();
    }

    private static int integer(JsonParser p, String field) throws IOException, Malformed {
        long n = number(p, field);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new Malformed(field + " is out of range: " + n);
        }
        return (int) n;
    }

    /**
     * Each constant's text in this format (its name in lower case), and back, computed once: converting case per
     * field was a tenth of the cost of writing a record.
     */
    private static final Map<Enum<?>, String> TEXTS = new HashMap<>();
    private static final Map<Class<?>, Map<String, Enum<?>>> CONSTANTS = new HashMap<>();

    static {
        for (Class<? extends Enum<?>> type : List.of(Kind.class, ProgressRecord.Status.class,
                ExerciseProgress.Status.class)) {
            Map<String, Enum<?>> byText = new HashMap<>();
            for (Enum<?> e : type.getEnumConstants()) {
                TEXTS.put(e, e.name().toLowerCase(Locale.ROOT));
                byText.put(e.name().toLowerCase(Locale.ROOT), e);
            }
            CONSTANTS.put(type, byText);
        }
    }

    static String lower(Enum<?> e) {
        return TEXTS.get(e);
    }

    /** The constant of {@code type} written as {@code text}; else the JDK's error, which names the text. */
    private static <E extends Enum<E>> E constant(Class<E> type, String text) {
        Enum<?> e = CONSTANTS.get(type).get(text);
        return e != null ? type.cast(e) : Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    }
}
