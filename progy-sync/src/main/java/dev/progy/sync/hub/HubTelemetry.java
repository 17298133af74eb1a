package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Course analytics from the CLI's anonymous telemetry (issue 16):
 * <ul>
 *   <li>{@code hub_telemetry_event}: one append-only row per event received, under the random id of the course
 *       installation that sent it (never an account, a machine or an address).</li>
 *   <li>{@code hub_telemetry_batch}: the batch keys received with the answer each got, so a retried batch is
 *       stored once and answered the same.</li>
 *   <li>{@link #rollUp}: a day's events into figures per (course, version, exercise, day)
 *       ({@code hub_telemetry_daily}, {@code hub_telemetry_attempts}, {@code hub_telemetry_signature}), replaced in
 *       one transaction with the day's bookmark ({@code hub_telemetry_rollup}), so rolling a day up again on the
 *       same events changes nothing. A day stays open (rolled up again) until {@value #INACTIVE_DAYS} days have
 *       passed, since its drop-off counts students who were not seen again for that long.</li>
 *   <li>{@link #forget}: an installation's raw events erased; roll-ups made after leave it out.</li>
 * </ul>
 */
public final class HubTelemetry {

    /** Days without an event after which an installation counts as gone from the course. */
    public static final int INACTIVE_DAYS = 14;
    /** Attempts until pass are counted one by one up to this, which also stands for more. */
    public static final int MOST_ATTEMPTS = 10;

    /** One event as received; {@code atMs} is the event's time, {@code sig*} the run failure's signature. */
    public record Event(String installation, String type, String course, String version, String exercise,
                        int attempt, long sinceStartMs, long atMs, String sigKind, String sigTest, String sigMessage,
                        Integer value) { }

    /** What a batch was answered: the first time, or (duplicate) the answer stored then. */
    public record Stored(boolean duplicate, String answer) { }

    /** One exercise's figures over a period (sums of days; the times are the days' quartiles weighted by passes). */
    public record Figures(String exercise, long started, long firstTries, long firstFailed, long passed,
                          long attemptsToPass, long hints, long dropped, long lastSeen, long timeP25, long timeP50,
                          long timeP75, Map<Integer, Long> attempts) { }

    /** An error signature and how often it was seen. */
    public record Signature(String kind, String test, String message, long count) { }

    /** Where a day's roll-up stands. */
    public record RollUp(String day, long events, boolean done) { }

    static final List<String> MIGRATION = List.of(
            """
            CREATE TABLE hub_telemetry_event (
                id           BIGINT  NOT NULL PRIMARY KEY,
                installation TEXT    NOT NULL,
                course       TEXT    NOT NULL,
                version      TEXT    NOT NULL,
                exercise     TEXT    NOT NULL,
                type         TEXT    NOT NULL,
                attempt      INTEGER NOT NULL,
                since_ms     BIGINT  NOT NULL,
                at_ms        BIGINT  NOT NULL,
                day          TEXT    NOT NULL,
                sig_kind     TEXT,
                sig_test     TEXT,
                sig_message  TEXT,
                value        INTEGER,
                batch        TEXT    NOT NULL
            )""",
            "CREATE INDEX hub_telemetry_event_day ON hub_telemetry_event (day, course, version, exercise)",
            "CREATE INDEX hub_telemetry_event_installation ON hub_telemetry_event (installation, at_ms)",
            """
            CREATE TABLE hub_telemetry_batch (
                batch       TEXT   NOT NULL PRIMARY KEY,
                answer      TEXT   NOT NULL,
                received_ms BIGINT NOT NULL
            )""",
            """
            CREATE TABLE hub_telemetry_daily (
                course       TEXT   NOT NULL,
                version      TEXT   NOT NULL,
                exercise     TEXT   NOT NULL,
                day          TEXT   NOT NULL,
                started      BIGINT NOT NULL,
                first_tries  BIGINT NOT NULL,
                first_failed BIGINT NOT NULL,
                passed       BIGINT NOT NULL,
                attempts     BIGINT NOT NULL,
                hints        BIGINT NOT NULL,
                dropped      BIGINT NOT NULL,
                last_seen    BIGINT NOT NULL,
                time_p25     BIGINT NOT NULL,
                time_p50     BIGINT NOT NULL,
                time_p75     BIGINT NOT NULL,
                PRIMARY KEY (course, version, day, exercise)
            )""",
            """
            CREATE TABLE hub_telemetry_attempts (
                course       TEXT    NOT NULL,
                version      TEXT    NOT NULL,
                exercise     TEXT    NOT NULL,
                day          TEXT    NOT NULL,
                attempts     INTEGER NOT NULL,
                installations BIGINT NOT NULL,
                PRIMARY KEY (course, version, day, exercise, attempts)
            )""",
            """
            CREATE TABLE hub_telemetry_signature (
                course   TEXT   NOT NULL,
                version  TEXT   NOT NULL,
                exercise TEXT   NOT NULL,
                day      TEXT   NOT NULL,
                kind     TEXT   NOT NULL,
                test     TEXT   NOT NULL,
                message  TEXT   NOT NULL,
                count    BIGINT NOT NULL,
                PRIMARY KEY (course, version, day, exercise, kind, test, message)
            )""",
            """
            CREATE TABLE hub_telemetry_rollup (
                day        TEXT   NOT NULL PRIMARY KEY,
                events     BIGINT NOT NULL,
                state      TEXT   NOT NULL,
                updated_ms BIGINT NOT NULL
            )""");

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Rows read at a time by the roll-up's queries, so a day of millions of events is never in memory whole. */
    private static final int FETCH = 5_000;

    private final HubDatabase db;

    HubTelemetry(HubDatabase db) {
        this.db = db;
    }

    /** The course versions among {@code pairs} ({@code name + " " + version}) that are live in the registry. */
    public Set<String> liveVersions(Set<String> pairs) {
        return db.reading("read the courses of", c -> {
            Set<String> live = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_course c JOIN hub_course_version v "
                    + "ON v.course_id = c.id WHERE c.name = ? AND v.version = ? AND v.state = 'live' "
                    + "AND c.deleted_ms IS NULL")) {
                for (String pair : pairs) {
                    int space = pair.indexOf(' ');
                    p.setString(1, pair.substring(0, space));
                    p.setString(2, pair.substring(space + 1));
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            live.add(pair);
                        }
                    }
                }
            }
            return live;
        });
    }

    /**
     * Stores {@code events} under {@code batch} with {@code answer}, in one transaction, unless the batch key was
     * stored already: then nothing is stored and the answer kept then is returned.
     */
    public Stored store(String batch, List<Event> events, String answer) {
        return db.writing("store telemetry in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_telemetry_batch (batch, answer, "
                    + "received_ms) VALUES (?, ?, ?) ON CONFLICT (batch) DO NOTHING")) {
                p.setString(1, batch);
                p.setString(2, answer);
                p.setLong(3, System.currentTimeMillis());
                if (p.executeUpdate() == 0) {
                    try (PreparedStatement q = c.prepareStatement(
                            "SELECT answer FROM hub_telemetry_batch WHERE batch = ?")) {
                        q.setString(1, batch);
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            return new Stored(true, rs.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_telemetry_event (id, installation, course, "
                    + "version, exercise, type, attempt, since_ms, at_ms, day, sig_kind, sig_test, sig_message, value, "
                    + "batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Event e : events) {
                    p.setLong(1, RANDOM.nextLong() & Long.MAX_VALUE);
                    p.setString(2, e.installation());
                    p.setString(3, e.course());
                    p.setString(4, e.version());
                    p.setString(5, e.exercise());
                    p.setString(6, e.type());
                    p.setInt(7, e.attempt());
                    p.setLong(8, e.sinceStartMs());
                    p.setLong(9, e.atMs());
                    p.setString(10, day(e.atMs()));
                    p.setString(11, e.sigKind());
                    p.setString(12, e.sigTest());
                    p.setString(13, e.sigMessage());
                    if (e.value() == null) {
                        p.setNull(14, java.sql.Types.INTEGER);
                    } else {
                        p.setInt(14, e.value());
                    }
                    p.setString(15, batch);
                    p.addBatch();
                }
                if (!events.isEmpty()) {
                    p.executeBatch();
                }
            }
            return new Stored(false, answer);
        });
    }

    /** Erases the raw events of {@code installation}; returns how many went. */
    public long forget(String installation) {
        return db.writing("erase telemetry in", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_telemetry_event WHERE installation = ?")) {
                p.setString(1, installation);
                return (long) p.executeUpdate();
            }
        });
    }

    /** How many raw events are stored for {@code installation}. */
    public long events(String installation) {
        return db.reading("read telemetry in", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT COUNT(*) FROM hub_telemetry_event WHERE installation = ?")) {
                p.setString(1, installation);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The days that have events and whose roll-up is not final, oldest first. */
    public List<String> openDays() {
        return db.reading("read telemetry in", c -> {
            List<String> days = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT e.day FROM hub_telemetry_event e WHERE "
                    + "NOT EXISTS (SELECT 1 FROM hub_telemetry_rollup r WHERE r.day = e.day AND r.state = 'done') "
                    + "ORDER BY e.day");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getString(1));
                }
            }
            return days;
        });
    }

    /** Where {@code day}'s roll-up stands, if it ran. */
    public Optional<RollUp> rollUpOf(String day) {
        return db.reading("read telemetry roll-ups in", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT events, state FROM hub_telemetry_rollup WHERE day = ?")) {
                p.setString(1, day);
                p.setFetchSize(FETCH); // streamed: PostgreSQL's driver reads a whole result at once otherwise
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new RollUp(day, rs.getLong(1), rs.getString(2).equals("done")))
                            : Optional.<RollUp>empty();
                }
            }
        });
    }

    /**
     * Rolls {@code day} up from its stored events, replacing its figures in one transaction; the day is done (not
     * rolled up again) once {@code today} is {@value #INACTIVE_DAYS} days past it. Rolling a day up again on the
     * same events writes the same figures.
     */
    public RollUp rollUp(String day, LocalDate today) {
        boolean done = !LocalDate.parse(day).plusDays(INACTIVE_DAYS).isAfter(today);
        return db.writing("roll telemetry up in", c -> {
            // the last event of each installation seen on this day, when it has no later one and has been quiet long enough
            Map<String, String> lastOf = new HashMap<>(); // course|version|exercise -> installations last seen there
            Map<String, Long> lastCount = new HashMap<>();
            long quietSince = LocalDate.parse(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            boolean quietEnough = !LocalDate.parse(day).plusDays(INACTIVE_DAYS).isAfter(today);
            if (quietEnough) {
                try (PreparedStatement p = c.prepareStatement("SELECT e.installation, e.course, e.version, "
                        + "e.exercise, e.at_ms FROM hub_telemetry_event e WHERE e.day = ? AND NOT EXISTS (SELECT 1 "
                        + "FROM hub_telemetry_event l WHERE l.installation = e.installation AND l.at_ms >= ?) "
                        // events are timed to the second: of those in an installation's last second, the
                        // furthest exercise in the course's order is where it left (the id is random, no order)
                        + "ORDER BY e.installation, e.at_ms, e.exercise, e.id")) {
                    p.setString(1, day);
                    p.setLong(2, quietSince);
                    p.setFetchSize(FETCH);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            lastOf.put(rs.getString(1), rs.getString(2) + "\n" + rs.getString(3) + "\n"
                                    + rs.getString(4));
                        }
                    }
                }
                for (String key : lastOf.values()) {
                    lastCount.merge(key, 1L, Long::sum);
                }
            }
            Map<String, Group> groups = new TreeMap<>();
            long events = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT installation, course, version, exercise, type, "
                    + "attempt, since_ms, sig_kind, sig_test, sig_message FROM hub_telemetry_event WHERE day = ?")) {
                p.setString(1, day);
                p.setFetchSize(FETCH); // streamed: PostgreSQL's driver reads a whole result at once otherwise
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        events++;
                        String key = rs.getString(2) + "\n" + rs.getString(3) + "\n" + rs.getString(4);
                        groups.computeIfAbsent(key, k -> new Group()).add(rs.getString(1), rs.getString(5),
                                rs.getInt(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10));
                    }
                }
            }
            // passed on a later day also keeps a start of this day out of the drop-off
            Set<String> passedLater = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT l.installation, l.course, l.version, "
                    + "l.exercise FROM hub_telemetry_event l WHERE l.type = 'exercise_passed' AND l.day > ? AND "
                    + "l.installation IN (SELECT e.installation FROM hub_telemetry_event e WHERE e.day = ? AND "
                    + "e.type = 'exercise_started')")) { // by the installation index: only this day's students
                p.setString(1, day);
                p.setString(2, day);
                p.setFetchSize(FETCH); // streamed: PostgreSQL's driver reads a whole result at once otherwise
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        passedLater.add(rs.getString(2) + "\n" + rs.getString(3) + "\n" + rs.getString(4) + "\n"
                                + rs.getString(1));
                    }
                }
            }
            for (String table : List.of("hub_telemetry_daily", "hub_telemetry_attempts", "hub_telemetry_signature")) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE day = ?")) {
                    p.setString(1, day);
                    p.executeUpdate();
                }
            }
            for (String key : lastCount.keySet()) {
                groups.computeIfAbsent(key, k -> new Group());
            }
            try (PreparedStatement daily = c.prepareStatement("INSERT INTO hub_telemetry_daily (course, version, "
                    + "exercise, day, started, first_tries, first_failed, passed, attempts, hints, dropped, last_seen, "
                    + "time_p25, time_p50, time_p75) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement attempts = c.prepareStatement("INSERT INTO hub_telemetry_attempts (course, "
                         + "version, exercise, day, attempts, installations) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement signatures = c.prepareStatement("INSERT INTO hub_telemetry_signature (course, "
                         + "version, exercise, day, kind, test, message, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Group> e : groups.entrySet()) {
                    String[] k = e.getKey().split("\n", 3);
                    Group g = e.getValue();
                    long dropped = g.started.stream().filter(i -> !g.passed.containsKey(i)
                            && !passedLater.contains(e.getKey() + "\n" + i)).count();
                    long[] q = quartiles(new ArrayList<>(g.times.values()));
                    long attemptSum = g.passed.values().stream().mapToLong(Integer::longValue).sum();
                    set(daily, k, day);
                    daily.setLong(5, g.started.size());
                    daily.setLong(6, g.firstTries.size());
                    daily.setLong(7, g.firstTries.values().stream().filter(f -> f).count());
                    daily.setLong(8, g.passed.size());
                    daily.setLong(9, attemptSum);
                    daily.setLong(10, g.hints);
                    daily.setLong(11, dropped);
                    daily.setLong(12, lastCount.getOrDefault(e.getKey(), 0L));
                    daily.setLong(13, q[0]);
                    daily.setLong(14, q[1]);
                    daily.setLong(15, q[2]);
                    daily.addBatch();
                    Map<Integer, Long> dist = new TreeMap<>();
                    for (int a : g.passed.values()) {
                        dist.merge(Math.min(Math.max(a, 1), MOST_ATTEMPTS), 1L, Long::sum);
                    }
                    for (Map.Entry<Integer, Long> d : dist.entrySet()) {
                        set(attempts, k, day);
                        attempts.setInt(5, d.getKey());
                        attempts.setLong(6, d.getValue());
                        attempts.addBatch();
                    }
                    for (Map.Entry<List<String>, Long> s : g.signatures.entrySet()) {
                        set(signatures, k, day);
                        signatures.setString(5, s.getKey().get(0));
                        signatures.setString(6, s.getKey().get(1));
                        signatures.setString(7, s.getKey().get(2));
                        signatures.setLong(8, s.getValue());
                        signatures.addBatch();
                    }
                }
                daily.executeBatch();
                attempts.executeBatch();
                signatures.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_telemetry_rollup (day, events, state, "
                    + "updated_ms) VALUES (?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET events = excluded.events, "
                    + "state = excluded.state, updated_ms = excluded.updated_ms")) {
                p.setString(1, day);
                p.setLong(2, events);
                p.setString(3, done ? "done" : "open");
                p.setLong(4, System.currentTimeMillis());
                p.executeUpdate();
            }
            return new RollUp(day, events, done);
        });
    }

    /** Deletes the raw events of days before {@code before} whose roll-up is done; returns how many went. */
    public long deleteRolledUp(LocalDate before) {
        return db.writing("delete old telemetry in", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_telemetry_event WHERE day < ? AND day IN "
                    + "(SELECT day FROM hub_telemetry_rollup WHERE state = 'done')")) {
                p.setString(1, before.toString());
                return (long) p.executeUpdate();
            }
        });
    }

    /** The versions of {@code course} that have figures, newest day first. */
    public List<String> versions(String course) {
        return db.reading("read telemetry in", c -> {
            List<String> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT version, MAX(day) FROM hub_telemetry_daily "
                    + "WHERE course = ? GROUP BY version ORDER BY MAX(day) DESC, version DESC")) {
                p.setString(1, course);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(rs.getString(1));
                    }
                }
            }
            return all;
        });
    }

    /** Each exercise's figures for {@code course} {@code version} over days {@code from}..{@code to}, by exercise. */
    public List<Figures> figures(String course, String version, LocalDate from, LocalDate to) {
        return db.reading("read telemetry in", c -> {
            Map<String, Map<Integer, Long>> dist = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT exercise, attempts, SUM(installations) FROM "
                    + "hub_telemetry_attempts WHERE course = ? AND version = ? AND day >= ? AND day <= ? "
                    + "GROUP BY exercise, attempts")) {
                bind(p, course, version, from, to);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        dist.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getLong(3));
                    }
                }
            }
            List<Figures> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT exercise, SUM(started), SUM(first_tries), "
                    + "SUM(first_failed), SUM(passed), SUM(attempts), SUM(hints), SUM(dropped), SUM(last_seen), "
                    + "SUM(time_p25 * passed), SUM(time_p50 * passed), SUM(time_p75 * passed) FROM "
                    + "hub_telemetry_daily WHERE course = ? AND version = ? AND day >= ? AND day <= ? "
                    + "GROUP BY exercise ORDER BY exercise")) {
                bind(p, course, version, from, to);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long passed = rs.getLong(5);
                        String ex = rs.getString(1);
                        all.add(new Figures(ex, rs.getLong(2), rs.getLong(3), rs.getLong(4), passed,
                                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                                passed == 0 ? 0 : rs.getLong(10) / passed, passed == 0 ? 0 : rs.getLong(11) / passed,
                                passed == 0 ? 0 : rs.getLong(12) / passed,
                                Collections.unmodifiableMap(dist.getOrDefault(ex, Map.of()))));
                    }
                }
            }
            return all;
        });
    }

    /** The most seen error signatures of an exercise over days {@code from}..{@code to}. */
    public List<Signature> signatures(String course, String version, String exercise, LocalDate from, LocalDate to,
                                      int limit) {
        return db.reading("read telemetry in", c -> {
            List<Signature> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT kind, test, message, SUM(count) FROM "
                    + "hub_telemetry_signature WHERE course = ? AND version = ? AND day >= ? AND day <= ? "
                    + "AND exercise = ? GROUP BY kind, test, message ORDER BY SUM(count) DESC, kind, test, message "
                    + "LIMIT ?")) {
                bind(p, course, version, from, to);
                p.setString(5, exercise);
                p.setInt(6, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Signature(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            return all;
        });
    }

    /**
     * Whether {@code account} (named {@code name}) manages {@code course}: its owner, the owner of its personal
     * scope, or a member of the organisation of its scope. A deleted or unknown course is nobody's.
     */
    public boolean manages(String course, long account, String name) {
        return db.reading("read the courses of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_course c WHERE c.name = ? AND "
                    + "c.deleted_ms IS NULL AND (c.owner_id = ? OR c.scope = ? OR EXISTS (SELECT 1 FROM hub_org o "
                    + "JOIN hub_org_member m ON m.org_id = o.id WHERE o.scope = c.scope AND m.account_id = ?))")) {
                p.setString(1, course);
                p.setLong(2, account);
                p.setString(3, "@" + name);
                p.setLong(4, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The UTC day of {@code atMs}. */
    public static String day(long atMs) {
        return Instant.ofEpochMilli(atMs).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** First quartile, median and third quartile (nearest rank) of {@code values}; zeros when there are none. */
    static long[] quartiles(List<Long> values) {
        if (values.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        Collections.sort(values);
        return new long[] {rank(values, 25), rank(values, 50), rank(values, 75)};
    }

    private static long rank(List<Long> sorted, int percent) {
        int n = sorted.size();
        int r = (int) Math.ceil(percent / 100.0 * n);
        return sorted.get(Math.max(r, 1) - 1);
    }

    private static void set(PreparedStatement p, String[] key, String day) throws SQLException {
        p.setString(1, key[0]);
        p.setString(2, key[1]);
        p.setString(3, key[2]);
        p.setString(4, day);
    }

    private static void bind(PreparedStatement p, String course, String version, LocalDate from, LocalDate to)
            throws SQLException {
        p.setString(1, course);
        p.setString(2, version);
        p.setString(3, from.toString());
        p.setString(4, to.toString());
    }

    /** One exercise's events of a day, per installation. */
    private static final class Group {
        final Set<String> started = new HashSet<>();
        final Map<String, Boolean> firstTries = new HashMap<>(); // installation -> failed on attempt 1
        final Map<String, Integer> passed = new HashMap<>(); // installation -> attempt it passed on (the first)
        final Map<String, Long> times = new HashMap<>(); // installation -> time to pass
        final Map<List<String>, Long> signatures = new LinkedHashMap<>();
        long hints;

        void add(String installation, String type, int attempt, long sinceMs, String kind, String test,
                 String message) {
            switch (type) {
                case "exercise_started" -> started.add(installation);
                case "run_failed" -> {
                    if (attempt == 1) {
                        firstTries.put(installation, true);
                    }
                    signatures.merge(List.of(kind == null ? "other" : kind, test == null ? "" : test,
                            message == null ? "" : message), 1L, Long::sum);
                }
                case "exercise_passed" -> {
                    if (attempt == 1) {
                        firstTries.putIfAbsent(installation, false);
                    }
                    Integer before = passed.get(installation);
                    if (before == null || attempt < before) {
                        passed.put(installation, attempt);
                        times.put(installation, sinceMs);
                    }
                }
                case "hint_shown" -> hints++;
                default -> { }
            }
        }
    }

}
