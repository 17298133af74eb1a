package dev.progy.sync.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.model.ExerciseProgress;
import dev.progy.model.ProgressRecord;
import dev.progy.model.ProgressRecord.Key;
import dev.progy.model.ProgressRecord.Kind;
import dev.progy.model.ProgressRecord.LatestAttempt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** {@link ProgressRecord}s as rows of {@code progress_record} (see {@link SqliteSchema}). */
final class RecordRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() { };

    private static final String COLUMNS = "course_id, item_kind, item_id, status, attempts, first_passed_at, "
            + "best_score, hints_revealed, xp_earned, latest_stamp, latest_device, latest_at, latest_verdict, "
            + "latest_score, latest_total, active_days, achievements, longest_streak_floor";

    private static final String UPSERT = "INSERT INTO progress_record (" + COLUMNS + ", local_seq) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (course_id, item_kind, item_id) DO UPDATE SET status = excluded.status, "
            + "attempts = excluded.attempts, first_passed_at = excluded.first_passed_at, "
            + "best_score = excluded.best_score, hints_revealed = excluded.hints_revealed, "
            + "xp_earned = excluded.xp_earned, latest_stamp = excluded.latest_stamp, "
            + "latest_device = excluded.latest_device, latest_at = excluded.latest_at, "
            + "latest_verdict = excluded.latest_verdict, latest_score = excluded.latest_score, "
            + "latest_total = excluded.latest_total, active_days = excluded.active_days, "
            + "achievements = excluded.achievements, longest_streak_floor = excluded.longest_streak_floor, "
            + "local_seq = excluded.local_seq";

    private RecordRows() { }

    /** A row that cannot be a record: the database was changed by something other than Progy. */
    static final class Unreadable extends Exception {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static List<ProgressRecord> read(Connection c, String courseId) throws SQLException, Unreadable {
        List<ProgressRecord> records = new ArrayList<>();
        each(c, "WHERE course_id = ?", courseId, (r, seq) -> records.add(r));
        return records;
    }

    /** A record and the local change number that last wrote it. */
    @FunctionalInterface
    interface Visitor {
        void row(ProgressRecord record, long localSeq);
    }

    /** Visits the rows selected by {@code where} (with one parameter, {@code param}). */
    static void each(Connection c, String where, Object param, Visitor visitor) throws SQLException, Unreadable {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + ", local_seq FROM progress_record " + where)) {
            p.setObject(1, param);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    visitor.row(record(rs), rs.getLong(19));
                }
            }
        }
    }

    /** Writes each record over its row, marked with its own local change number. */
    static void writeEach(Connection c, List<ProgressRecord> records, List<Long> localSeqs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(UPSERT)) {
            for (int i = 0; i < records.size(); i++) {
                bind(p, records.get(i));
                p.setLong(19, localSeqs.get(i));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Writes {@code records} over their rows, marking each as changed by local change {@code localSeq}. */
    static void write(Connection c, Collection<ProgressRecord> records, long localSeq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(UPSERT)) {
            for (ProgressRecord r : records) {
                bind(p, r);
                p.setLong(19, localSeq);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static ProgressRecord record(ResultSet rs) throws SQLException, Unreadable {
        String where = rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
        try {
            Key key = new Key(rs.getString(1), Kind.valueOf(upper(rs.getString(2))), rs.getString(3));
            Optional<LatestAttempt> latest = Optional.empty();
            long stamp = rs.getLong(10);
            if (!rs.wasNull()) {
                latest = Optional.of(new LatestAttempt(stamp, rs.getString(11), instant(rs.getString(12)),
                        ExerciseProgress.Status.valueOf(upper(rs.getString(13))), rs.getInt(14), rs.getInt(15)));
            }
            Map<String, Long> attempts = JSON.readValue(rs.getString(5), COUNTS);
            // every number of a record counts something: a negative one was not written by Progy (and would forge
            // or break totals once merged), so the row is refused like any other damage
            for (Map.Entry<String, Long> a : attempts.entrySet()) {
                if (a.getValue() == null || a.getValue() < 0) {
                    throw new Unreadable("the record of " + where + " counts " + a.getValue() + " attempts on device "
                            + a.getKey() + ", and attempts cannot be negative", null);
                }
            }
            String[] names = {"best score", "hints revealed", "XP earned"};
            int[] columns = {7, 8, 9};
            for (int i = 0; i < columns.length; i++) {
                if (rs.getInt(columns[i]) < 0) {
                    throw new Unreadable("the record of " + where + " has " + names[i] + " " + rs.getInt(columns[i])
                            + ", which cannot be negative", null);
                }
            }
            if (rs.getInt(18) < 0) {
                throw new Unreadable("the record of " + where + " has a longest streak of " + rs.getInt(18)
                        + ", which cannot be negative", null);
            }
            TreeSet<LocalDate> days = new TreeSet<>();
            for (String d : JSON.readValue(rs.getString(16), TEXTS)) {
                days.add(LocalDate.parse(d));
            }
            return new ProgressRecord(key, ProgressRecord.Status.valueOf(upper(rs.getString(4))),
                    attempts, instant(rs.getString(6)), rs.getInt(7), rs.getInt(8),
                    rs.getInt(9), latest, days, new TreeSet<>(JSON.readValue(rs.getString(17), TEXTS)), rs.getInt(18));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new Unreadable("the record of " + where + " has a field that is not what Progy writes", e);
        }
    }

    private static void bind(PreparedStatement p, ProgressRecord r) throws SQLException {
        p.setString(1, r.key().courseId());
        p.setString(2, lower(r.key().kind()));
        p.setString(3, r.key().itemId());
        p.setString(4, lower(r.status()));
        p.setString(5, json(new java.util.TreeMap<>(r.attempts())));
        p.setString(6, r.firstPassedAt().map(Instant::toString).orElse(null));
        p.setInt(7, r.bestScore());
        p.setInt(8, r.hintsRevealed());
        p.setInt(9, r.xpEarned());
        if (r.latest().isPresent()) {
            LatestAttempt l = r.latest().get();
            p.setLong(10, l.stamp());
            p.setString(11, l.deviceId());
            p.setString(12, l.at().map(Instant::toString).orElse(null));
            p.setString(13, lower(l.verdict()));
            p.setInt(14, l.score());
            p.setInt(15, l.totalQuestions());
        } else {
            for (int i = 10; i <= 15; i++) {
                p.setNull(i, i == 10 ? Types.BIGINT : i >= 14 ? Types.INTEGER : Types.VARCHAR);
            }
        }
        p.setString(16, json(r.activeDays().stream().map(LocalDate::toString).toList()));
        p.setString(17, json(List.copyOf(r.achievements())));
        p.setInt(18, r.longestStreakFloor());
    }

    private static Optional<Instant> instant(String text) {
        return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of texts to numbers and lists of texts always serialize", e);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
