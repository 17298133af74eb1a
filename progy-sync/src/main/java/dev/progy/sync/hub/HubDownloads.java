package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Download statistics of the registry, kept so that public figures stay fast however many downloads there were:
 * <ul>
 *   <li>{@code hub_download_event}: one append-only row per archive served (course, version, day, a salted hash of
 *       who downloaded, whether the client was the CLI). Written in batches, never read by a public route.</li>
 *   <li>{@link #rollUp}: a day's events into daily counts per version and course, in batches, each batch one
 *       transaction that also moves the day's bookmark ({@code hub_download_rollup}) and records which clients it
 *       counted ({@code hub_download_seen}, one row per client, version and day, so a client seen again adds
 *       nothing); the last batch writes the day's counts from it and marks the day done. A roll-up stopped mid-way
 *       resumes at the bookmark and counts nobody twice; rolling a day up again changes nothing. Each batch is two
 *       statements over an index range, so the work is linear in the day's events and the server holds none of
 *       them in memory.</li>
 *   <li>{@link #refresh}: the precomputed rankings ({@code hub_download_top}) over 7 days, 30 days and all time.</li>
 *   <li>{@link #top} and {@link #series}: what the public routes read, joined with {@code hub_course} so that a
 *       private or deleted course never shows.</li>
 *   <li>Archiving: a rolled-up day's events are read back in order ({@link #eachEvent}), then, once their file is
 *       written, recorded ({@link #archived}) and deleted in batches ({@link #deleteEvents}).</li>
 * </ul>
 * Public figures count distinct clients of the CLI only; other clients are counted apart ({@code others}).
 */
public final class HubDownloads {

    /** One download as stored: {@code client} is the salted hash of the account or address. */
    public record Event(long id, String course, String version, String day, String client, boolean cli, long atMs) { }

    /** A course and its downloads in a ranking. */
    public record Ranked(String course, long downloads) { }

    /** A day's downloads of a course. */
    public record Day(String day, long downloads) { }

    /** A course's figures: its all-time total and its days (from the first asked to the last, none missing). */
    public record Series(String course, long total, List<Day> days) { }

    /** Where a day's roll-up stands: events read so far, downloads counted, and whether it is done. */
    public record RollUp(String day, long events, long counted, boolean done) { }

    /** A day archived: the file that holds its events, how many, and the file's SHA-256. */
    public record Archived(String day, String file, long events, String sha256) { }

    /** The rankings kept, by their name in the API. */
    public static final List<String> PERIODS = List.of("7d", "30d", "all");

    /** Runs inside each roll-up batch's transaction, before it commits (a test simulates a crash there). */
    @FunctionalInterface
    public interface BatchCheck {
        void inside(int batch);
    }

    /**
     * The schema migration that makes these tables (its number is its place in {@link HubSchema}'s list); it names
     * no other table, so it can move to another number alone.
     */
    static final List<String> MIGRATION = List.of(
            """
            CREATE TABLE hub_download_event (
                id      BIGINT  NOT NULL PRIMARY KEY,
                course  TEXT    NOT NULL,
                version TEXT    NOT NULL,
                day     TEXT    NOT NULL,
                client  TEXT    NOT NULL,
                cli     INTEGER NOT NULL,
                at_ms   BIGINT  NOT NULL
            )""",
            "CREATE INDEX hub_download_event_day ON hub_download_event (day, id)",
            """
            CREATE TABLE hub_download_salt (
                day  TEXT NOT NULL PRIMARY KEY,
                salt TEXT NOT NULL
            )""",
            """
            CREATE TABLE hub_download_seen (
                day     TEXT    NOT NULL,
                course  TEXT    NOT NULL,
                version TEXT    NOT NULL,
                client  TEXT    NOT NULL,
                cli     INTEGER NOT NULL,
                PRIMARY KEY (day, course, version, client, cli)
            )""",
            """
            CREATE TABLE hub_download_version_daily (
                course    TEXT   NOT NULL,
                version   TEXT   NOT NULL,
                day       TEXT   NOT NULL,
                downloads BIGINT NOT NULL,
                others    BIGINT NOT NULL,
                PRIMARY KEY (course, version, day)
            )""",
            """
            CREATE TABLE hub_download_course_daily (
                course    TEXT   NOT NULL,
                day       TEXT   NOT NULL,
                downloads BIGINT NOT NULL,
                PRIMARY KEY (course, day)
            )""",
            """
            CREATE TABLE hub_download_course_total (
                course    TEXT   NOT NULL PRIMARY KEY,
                downloads BIGINT NOT NULL
            )""",
            """
            CREATE TABLE hub_download_top (
                period    TEXT    NOT NULL,
                rank      INTEGER NOT NULL,
                course    TEXT    NOT NULL,
                downloads BIGINT  NOT NULL,
                PRIMARY KEY (period, rank)
            )""",
            """
            CREATE TABLE hub_download_rollup (
                day        TEXT   NOT NULL PRIMARY KEY,
                last_id    BIGINT NOT NULL,
                events     BIGINT NOT NULL,
                counted    BIGINT NOT NULL,
                state      TEXT   NOT NULL,
                updated_ms BIGINT NOT NULL
            )""",
            """
            CREATE TABLE hub_download_archive (
                day         TEXT   NOT NULL PRIMARY KEY,
                file        TEXT   NOT NULL,
                events      BIGINT NOT NULL,
                sha256      TEXT   NOT NULL,
                archived_ms BIGINT NOT NULL
            )""");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubDatabase db;

    HubDownloads(HubDatabase db) {
        this.db = db;
    }

    /** Stores {@code events} in one transaction; an event whose id is stored already is skipped. */
    public void record(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        db.writing("record downloads in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_event (id, course, version, day, "
                    + "client, cli, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                for (Event e : events) {
                    p.setLong(1, e.id());
                    p.setString(2, e.course());
                    p.setString(3, e.version());
                    p.setString(4, e.day());
                    p.setString(5, e.client());
                    p.setInt(6, e.cli() ? 1 : 0);
                    p.setLong(7, e.atMs());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /**
     * The secret salt of {@code day}'s client hashes, made at first use and shared by every instance; salts of days
     * before the day before are forgotten then, so a hash cannot be tied to a client again.
     */
    public String salt(String day) {
        return db.writing("read the download salt of", c -> {
            Optional<String> known = saltOf(c, day);
            if (known.isPresent()) {
                return known.get();
            }
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO hub_download_salt (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING")) {
                p.setString(1, day);
                p.setString(2, HexFormat.of().formatHex(b));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_download_salt WHERE day < ?")) {
                p.setString(1, LocalDate.parse(day).minusDays(1).toString());
                p.executeUpdate();
            }
            return saltOf(c, day).orElseThrow();
        });
    }

    private static Optional<String> saltOf(Connection c, String day) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT salt FROM hub_download_salt WHERE day = ?")) {
            p.setString(1, day);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Rolls up {@code day} (which must have ended) in batches of {@code batchSize} events. */
    public RollUp rollUp(String day, int batchSize) {
        return rollUp(day, batchSize, b -> { });
    }

    /** As {@link #rollUp(String, int)}, running {@code check} inside each batch's transaction. */
    public RollUp rollUp(String day, int batchSize, BatchCheck check) {
        int batch = 0;
        while (true) {
            int n = ++batch;
            RollUp r = db.writing("roll up downloads in", c -> rollUpBatch(c, day, batchSize, n, check));
            if (r.done()) {
                return r;
            }
        }
    }

    private RollUp rollUpBatch(Connection c, String day, int batchSize, int batch, BatchCheck check)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_rollup (day, last_id, events, counted, "
                + "state, updated_ms) VALUES (?, ?, 0, 0, 'running', ?) ON CONFLICT (day) DO NOTHING")) {
            p.setString(1, day);
            p.setLong(2, Long.MIN_VALUE);
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
        }
        long lastId;
        long events;
        // the row lock keeps a second roller of the same day (a job whose lease ran out) waiting, then on the bookmark
        try (PreparedStatement p = c.prepareStatement("SELECT last_id, events, counted, state FROM hub_download_rollup "
                + "WHERE day = ?" + (db.dialect() == HubDatabase.Dialect.POSTGRESQL ? " FOR UPDATE" : ""))) {
            p.setString(1, day);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getString(4).equals("done")) {
                    return new RollUp(day, rs.getLong(2), rs.getLong(3), true);
                }
                lastId = rs.getLong(1);
                events = rs.getLong(2);
            }
        }
        long read;
        long upTo;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), MAX(id) FROM (SELECT id FROM hub_download_event "
                + "WHERE day = ? AND id > ? ORDER BY id LIMIT ?) b")) {
            p.setString(1, day);
            p.setLong(2, lastId);
            p.setInt(3, batchSize);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                read = rs.getLong(1);
                upTo = read == 0 ? lastId : rs.getLong(2);
            }
        }
        if (read > 0) { // one row per (client, version, kind of client) a day: a client seen again adds nothing
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_seen (day, course, version, client, "
                    + "cli) SELECT day, course, version, client, cli FROM hub_download_event WHERE day = ? AND id > ? "
                    + "AND id <= ? ON CONFLICT (day, course, version, client, cli) DO NOTHING")) {
                p.setString(1, day);
                p.setLong(2, lastId);
                p.setLong(3, upTo);
                p.executeUpdate();
            }
        }
        boolean done = read < batchSize;
        long counted = done ? count(c, day) : 0;
        try (PreparedStatement p = c.prepareStatement("UPDATE hub_download_rollup SET last_id = ?, events = ?, "
                + "counted = ?, state = ?, updated_ms = ? WHERE day = ?")) {
            p.setLong(1, upTo);
            p.setLong(2, events + read);
            p.setLong(3, counted);
            p.setString(4, done ? "done" : "running");
            p.setLong(5, System.currentTimeMillis());
            p.setString(6, day);
            p.executeUpdate();
        }
        check.inside(batch);
        return new RollUp(day, events + read, counted, done);
    }

    /**
     * The day's counts from the clients seen, written in the transaction that marks the day done: the daily rows are
     * set (not added to) and the totals get the day once. Totals are updated in course order, so the last batches of
     * two days never deadlock on them. Returns the day's downloads.
     */
    private static long count(Connection c, String day) throws SQLException {
        for (String sql : List.of("""
                INSERT INTO hub_download_version_daily (course, version, day, downloads, others)
                SELECT course, version, day, SUM(cli), SUM(1 - cli) FROM hub_download_seen WHERE day = ?
                GROUP BY course, version, day
                ON CONFLICT (course, version, day) DO UPDATE SET downloads = excluded.downloads, others = excluded.others""",
                """
                INSERT INTO hub_download_course_daily (course, day, downloads)
                SELECT course, day, COUNT(*) FROM hub_download_seen WHERE day = ? AND cli = 1 GROUP BY course, day
                ON CONFLICT (course, day) DO UPDATE SET downloads = excluded.downloads""",
                """
                INSERT INTO hub_download_course_total (course, downloads)
                SELECT course, COUNT(*) FROM hub_download_seen WHERE day = ? AND cli = 1 GROUP BY course ORDER BY course
                ON CONFLICT (course) DO UPDATE SET downloads = hub_download_course_total.downloads + excluded.downloads""")) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, day);
                p.executeUpdate();
            }
        }
        long counted;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM hub_download_seen WHERE day = ? AND cli = 1")) {
            p.setString(1, day);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                counted = rs.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_download_seen WHERE day = ?")) {
            p.setString(1, day);
            p.executeUpdate();
        }
        return counted;
    }

    /** Where {@code day}'s roll-up stands, if it started. */
    public Optional<RollUp> rollUpOf(String day) {
        return db.reading("read the roll-ups of", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT events, counted, state FROM hub_download_rollup WHERE day = ?")) {
                p.setString(1, day);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new RollUp(day, rs.getLong(1), rs.getLong(2),
                            rs.getString(3).equals("done"))) : Optional.<RollUp>empty();
                }
            }
        });
    }

    /** The earliest day that has events stored, if any. */
    public Optional<String> firstEventDay() {
        return db.reading("read the downloads of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MIN(day) FROM hub_download_event");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /**
     * Recomputes the rankings as of {@code lastDay} (the last day rolled up): over its 7 days, its 30 days, and all
     * time; in one transaction, so a reader sees the old rankings or the new, never half.
     */
    public void refresh(String lastDay) {
        LocalDate last = LocalDate.parse(lastDay);
        db.writing("refresh the download rankings in", c -> {
            if (db.dialect() == HubDatabase.Dialect.POSTGRESQL) {
                // one refresh at a time (two would each insert rows the other's delete did not see); readers go on
                try (PreparedStatement p = c.prepareStatement("LOCK TABLE hub_download_top IN EXCLUSIVE MODE")) {
                    p.execute();
                }
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_download_top")) {
                p.executeUpdate();
            }
            for (String period : List.of("7d", "30d")) {
                int days = period.equals("7d") ? 7 : 30;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_top (period, rank, course, "
                        + "downloads) SELECT ?, ROW_NUMBER() OVER (ORDER BY SUM(downloads) DESC, course), course, "
                        + "SUM(downloads) FROM hub_download_course_daily WHERE day > ? AND day <= ? GROUP BY course")) {
                    p.setString(1, period);
                    p.setString(2, last.minusDays(days).toString());
                    p.setString(3, lastDay);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_top (period, rank, course, "
                    + "downloads) SELECT 'all', ROW_NUMBER() OVER (ORDER BY downloads DESC, course), course, downloads "
                    + "FROM hub_download_course_total")) {
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The {@code limit} public courses most downloaded over {@code period} (one of {@link #PERIODS}). */
    public List<Ranked> top(String period, int limit) {
        return db.reading("read the download rankings of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT t.course, t.downloads FROM hub_download_top t "
                    + "JOIN hub_course c ON c.name = t.course WHERE t.period = ? AND c.visibility = 'public' "
                    + "AND c.deleted_ms IS NULL ORDER BY t.rank LIMIT ?")) {
                p.setString(1, period);
                p.setInt(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    List<Ranked> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new Ranked(rs.getString(1), rs.getLong(2)));
                    }
                    return found;
                }
            }
        });
    }

    /**
     * The daily downloads of the public course {@code course} from {@code from} to {@code to} (days without any
     * as 0) and its all-time total; empty when no public course has that name.
     */
    public Optional<Series> series(String course, LocalDate from, LocalDate to) {
        return db.reading("read the downloads of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM hub_course WHERE name = ? "
                    + "AND visibility = 'public' AND deleted_ms IS NULL")) {
                p.setString(1, course);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Series>empty();
                    }
                }
            }
            Map<String, Long> byDay = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT day, downloads FROM hub_download_course_daily "
                    + "WHERE course = ? AND day >= ? AND day <= ?")) {
                p.setString(1, course);
                p.setString(2, from.toString());
                p.setString(3, to.toString());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        byDay.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            long total = 0;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT downloads FROM hub_download_course_total WHERE course = ?")) {
                p.setString(1, course);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        total = rs.getLong(1);
                    }
                }
            }
            List<Day> days = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                days.add(new Day(d.toString(), byDay.getOrDefault(d.toString(), 0L)));
            }
            return Optional.of(new Series(course, total, days));
        });
    }

    /**
     * The all-time downloads of those of {@code courses} that are public (0 for one never downloaded); a private,
     * deleted or unknown course is left out, so its figure is never shown.
     */
    public Map<String, Long> publicTotals(List<String> courses) {
        if (courses.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(courses.size(), "?"));
        return db.reading("read the downloads of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT c.name, t.downloads FROM hub_course c "
                    + "LEFT JOIN hub_download_course_total t ON t.course = c.name WHERE c.visibility = 'public' "
                    + "AND c.deleted_ms IS NULL AND c.name IN (" + marks + ")")) {
                for (int i = 0; i < courses.size(); i++) {
                    p.setString(i + 1, courses.get(i));
                }
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /** The daily downloads of one version (CLI clients; others apart), for checks and the owner's view. */
    public Optional<long[]> versionDay(String course, String version, String day) {
        return db.reading("read the downloads of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT downloads, others FROM hub_download_version_daily "
                    + "WHERE course = ? AND version = ? AND day = ?")) {
                p.setString(1, course);
                p.setString(2, version);
                p.setString(3, day);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)})
                            : Optional.<long[]>empty();
                }
            }
        });
    }

    /** The days rolled up before {@code before} whose events are still stored, oldest first. */
    public List<String> archivable(String before) {
        return db.reading("read the roll-ups of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT r.day FROM hub_download_rollup r WHERE "
                    + "r.state = 'done' AND r.day < ? AND EXISTS (SELECT 1 FROM hub_download_event e WHERE e.day = r.day) "
                    + "ORDER BY r.day")) {
                p.setString(1, before);
                try (ResultSet rs = p.executeQuery()) {
                    List<String> days = new ArrayList<>();
                    while (rs.next()) {
                        days.add(rs.getString(1));
                    }
                    return days;
                }
            }
        });
    }

    /** Receives stored events in order. */
    @FunctionalInterface
    public interface EventSink {
        void accept(Event e) throws Exception;
    }

    /** Hands {@code day}'s events to {@code sink} in id order, reading {@code batchSize} at a time; returns how many. */
    public long eachEvent(String day, int batchSize, EventSink sink) throws Exception {
        long after = Long.MIN_VALUE;
        long n = 0;
        while (true) {
            long from = after;
            List<Event> batch = db.reading("read the downloads of", c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT id, course, version, client, cli, at_ms "
                        + "FROM hub_download_event WHERE day = ? AND id > ? ORDER BY id LIMIT ?")) {
                    p.setString(1, day);
                    p.setLong(2, from);
                    p.setInt(3, batchSize);
                    try (ResultSet rs = p.executeQuery()) {
                        List<Event> found = new ArrayList<>();
                        while (rs.next()) {
                            found.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), day,
                                    rs.getString(4), rs.getInt(5) == 1, rs.getLong(6)));
                        }
                        return found;
                    }
                }
            });
            for (Event e : batch) {
                sink.accept(e);
            }
            n += batch.size();
            if (batch.size() < batchSize) {
                return n;
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    /** Records that {@code day}'s events are in {@code file}, written and read back; kept after they are deleted. */
    public void archived(Archived a) {
        db.writing("record an archived day in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_archive (day, file, events, sha256, "
                    + "archived_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET file = excluded.file, "
                    + "events = excluded.events, sha256 = excluded.sha256, archived_ms = excluded.archived_ms")) {
                p.setString(1, a.day());
                p.setString(2, a.file());
                p.setLong(3, a.events());
                p.setString(4, a.sha256());
                p.setLong(5, System.currentTimeMillis());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The archive of {@code day}, if it was written. */
    public Optional<Archived> archiveOf(String day) {
        return db.reading("read the archives of", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT file, events, sha256 FROM hub_download_archive WHERE day = ?")) {
                p.setString(1, day);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Archived(day, rs.getString(1), rs.getLong(2), rs.getString(3)))
                            : Optional.<Archived>empty();
                }
            }
        });
    }

    /**
     * Deletes {@code day}'s events, {@code batchSize} per transaction; refuses unless the day is recorded as
     * archived. Returns how many went.
     */
    public long deleteEvents(String day, int batchSize) {
        if (archiveOf(day).isEmpty()) {
            throw new ProgyException("The downloads of " + day + " are not archived, so they stay.",
                    "Archive the day first.");
        }
        long n = 0;
        while (true) {
            int gone = db.writing("delete archived downloads in", c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_download_event WHERE id IN "
                        + "(SELECT id FROM hub_download_event WHERE day = ? ORDER BY id LIMIT ?)")) {
                    p.setString(1, day);
                    p.setInt(2, batchSize);
                    return p.executeUpdate();
                }
            });
            n += gone;
            if (gone < batchSize) {
                return n;
            }
        }
    }

    /** How many events of {@code day} are stored. */
    public long events(String day) {
        return db.reading("read the downloads of", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM hub_download_event WHERE day = ?")) {
                p.setString(1, day);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

}
