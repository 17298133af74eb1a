package dev.progy.sync.hub;

import dev.progy.error.ProgyException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AI tutor's data (issue 15):
 * <ul>
 *   <li>{@code hub_ai_key}: an account's own model key, sealed (AES-256-GCM under a random data key, the data key
 *       wrapped by the server's master key named by {@code key_id}); the key itself is never stored in the clear,
 *       only its provider, model, base URL and last four characters beside it.</li>
 *   <li>{@code hub_ai_plan}: the plan an admin gave an account (none: the default plan).</li>
 *   <li>{@code hub_ai_usage}: lessons and model tokens per account per UTC day; a lesson is counted by one
 *       conditional {@code UPDATE} that only succeeds under the limits, so concurrent requests on any number of
 *       instances never pass them.</li>
 *   <li>{@code hub_tutor_lesson}: each lesson asked for, its request, state, diagnosis, Markdown and rating.</li>
 * </ul>
 */
public final class HubTutor {

    /** A sealed key: the data key wrapped by master key {@code keyId}, and the key encrypted by the data key. */
    public record Sealed(String keyId, String wrappedKey, String ciphertext) { }

    /** An account's key as stored: what may be shown, and the sealed secret. */
    public record StoredKey(long account, String provider, String model, String baseUrl, String last4, long setMs,
                            Sealed sealed) { }

    /** One day's usage of an account. */
    public record Usage(String day, long lessons, long tokens) { }

    /** A lesson. {@code misconception} is JSON; the texts that are not known yet are null. */
    public record Lesson(String id, long account, String course, String version, String exercise, String test,
                         String request, String requestHash, String status, String misconception, String lesson,
                         String source, Integer rating, String error, long createdMs, long tokens) { }

    /** A lesson given for an exercise, with how it was rated, for the instructor's page. */
    public record Given(String course, String exercise, long lessons, long rated, double averageRating) { }

    static final List<String> MIGRATION = List.of(
            """
            CREATE TABLE hub_ai_key (
                account_id  BIGINT NOT NULL PRIMARY KEY REFERENCES hub_account (id),
                provider    TEXT   NOT NULL,
                model       TEXT   NOT NULL,
                base_url    TEXT   NOT NULL,
                last4       TEXT   NOT NULL,
                key_id      TEXT   NOT NULL,
                wrapped_key TEXT   NOT NULL,
                ciphertext  TEXT   NOT NULL,
                set_ms      BIGINT NOT NULL
            )""",
            "CREATE INDEX hub_ai_key_key_id ON hub_ai_key (key_id)",
            """
            CREATE TABLE hub_ai_plan (
                account_id BIGINT NOT NULL PRIMARY KEY REFERENCES hub_account (id),
                plan       TEXT   NOT NULL
            )""",
            """
            CREATE TABLE hub_ai_usage (
                account_id BIGINT NOT NULL REFERENCES hub_account (id),
                day        TEXT   NOT NULL,
                lessons    BIGINT NOT NULL,
                tokens     BIGINT NOT NULL,
                PRIMARY KEY (account_id, day)
            )""",
            """
            CREATE TABLE hub_tutor_lesson (
                id            TEXT    NOT NULL PRIMARY KEY,
                account_id    BIGINT  NOT NULL REFERENCES hub_account (id),
                course        TEXT    NOT NULL,
                version       TEXT    NOT NULL,
                exercise      TEXT    NOT NULL,
                test          TEXT    NOT NULL,
                request       TEXT    NOT NULL,
                request_hash  TEXT    NOT NULL,
                status        TEXT    NOT NULL,
                misconception TEXT,
                lesson        TEXT,
                source        TEXT,
                rating        INTEGER,
                error         TEXT,
                created_ms    BIGINT  NOT NULL,
                tokens        BIGINT  NOT NULL
            )""",
            "CREATE INDEX hub_tutor_lesson_account ON hub_tutor_lesson (account_id, created_ms)",
            "CREATE INDEX hub_tutor_lesson_exercise ON hub_tutor_lesson (course, exercise)");

    private static final String LESSON_COLUMNS = "id, account_id, course, version, exercise, test, request, "
            + "request_hash, status, misconception, lesson, source, rating, error, created_ms, tokens";

    private final HubDatabase db;

    HubTutor(HubDatabase db) {
        this.db = db;
    }

    // ---- keys

    /** Stores (or replaces) {@code key} as the account's own. */
    public void putKey(StoredKey key) {
        db.writing("store the AI key in", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_ai_key WHERE account_id = ?")) {
                p.setLong(1, key.account());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_ai_key (account_id, provider, model, "
                    + "base_url, last4, key_id, wrapped_key, ciphertext, set_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, key.account());
                p.setString(2, key.provider());
                p.setString(3, key.model());
                p.setString(4, key.baseUrl());
                p.setString(5, key.last4());
                p.setString(6, key.sealed().keyId());
                p.setString(7, key.sealed().wrappedKey());
                p.setString(8, key.sealed().ciphertext());
                p.setLong(9, key.setMs());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The account's own key, if set. */
    public Optional<StoredKey> key(long account) {
        return db.reading("read the AI key in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT account_id, provider, model, base_url, last4, "
                    + "set_ms, key_id, wrapped_key, ciphertext FROM hub_ai_key WHERE account_id = ?")) {
                p.setLong(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(storedKey(rs)) : Optional.<StoredKey>empty();
                }
            }
        });
    }

    /** Forgets the account's own key; whether there was one. */
    public boolean deleteKey(long account) {
        return db.writing("delete the AI key in", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM hub_ai_key WHERE account_id = ?")) {
                p.setLong(1, account);
                return p.executeUpdate() > 0;
            }
        });
    }

    /** Up to {@code limit} keys whose data key is not wrapped by {@code keyId}. */
    public List<StoredKey> keysNotWrappedBy(String keyId, int limit) {
        return db.reading("read the AI keys in", c -> {
            List<StoredKey> keys = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT account_id, provider, model, base_url, last4, "
                    + "set_ms, key_id, wrapped_key, ciphertext FROM hub_ai_key WHERE key_id <> ? ORDER BY account_id "
                    + "LIMIT " + limit)) {
                p.setString(1, keyId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        keys.add(storedKey(rs));
                    }
                }
            }
            return keys;
        });
    }

    /**
     * Replaces the wrapped data key of {@code account}'s key, unless the key changed since it was read
     * ({@code before}): whether it was replaced.
     */
    public boolean rewrap(long account, Sealed before, Sealed after) {
        return db.writing("re-wrap the AI key in", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_ai_key SET key_id = ?, wrapped_key = ? "
                    + "WHERE account_id = ? AND key_id = ? AND wrapped_key = ? AND ciphertext = ?")) {
                p.setString(1, after.keyId());
                p.setString(2, after.wrappedKey());
                p.setLong(3, account);
                p.setString(4, before.keyId());
                p.setString(5, before.wrappedKey());
                p.setString(6, before.ciphertext());
                return p.executeUpdate() > 0;
            }
        });
    }

    private static StoredKey storedKey(ResultSet rs) throws SQLException {
        return new StoredKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), new Sealed(rs.getString(7), rs.getString(8), rs.getString(9)));
    }

    // ---- plans and usage

    /** The account named {@code name}'s id, if there is one. */
    public Optional<Long> accountId(String name) {
        return db.reading("read the accounts in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM hub_account WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** The plan an admin gave the account, if any. */
    /** Every account given a plan, by account name, in one query (the admin page lists everyone). */
    public java.util.Map<String, String> plansByName() {
        return db.reading("read the AI plans in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT a.name, p.plan FROM hub_ai_plan p "
                    + "JOIN hub_account a ON a.id = p.account_id");
                 ResultSet rs = p.executeQuery()) {
                java.util.Map<String, String> plans = new java.util.HashMap<>();
                while (rs.next()) {
                    plans.put(rs.getString(1), rs.getString(2));
                }
                return plans;
            }
        });
    }

    public Optional<String> plan(long account) {
        return db.reading("read the AI plan in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT plan FROM hub_ai_plan WHERE account_id = ?")) {
                p.setLong(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void setPlan(long account, String plan) {
        db.writing("set the AI plan in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_ai_plan (account_id, plan) VALUES (?, ?) "
                    + "ON CONFLICT (account_id) DO UPDATE SET plan = excluded.plan")) {
                p.setLong(1, account);
                p.setString(2, plan);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The account's usage on {@code day} (zeros when nothing was used). */
    public Usage usage(long account, String day) {
        return db.reading("read the AI usage in", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT lessons, tokens FROM hub_ai_usage WHERE account_id = ? AND day = ?")) {
                p.setLong(1, account);
                p.setString(2, day);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? new Usage(day, rs.getLong(1), rs.getLong(2)) : new Usage(day, 0, 0);
                }
            }
        });
    }

    /**
     * Counts one lesson on {@code day} when the account has used fewer than {@code lessonLimit} lessons and fewer than
     * {@code tokenLimit} tokens that day (a limit below 0: unlimited), atomically: whether it was counted. One
     * conditional upsert, so concurrent requests on every instance together never pass the limits.
     */
    public boolean takeLesson(long account, String day, long lessonLimit, long tokenLimit) {
        if (lessonLimit == 0 || tokenLimit == 0) {
            return false;
        }
        // one statement, so one round trip: the day's first lesson inserts the row, a later one counts only while
        // under both limits (a conflict whose WHERE fails changes no row); no number of instances passes it
        return db.writingOne("count the AI lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_ai_usage (account_id, day, lessons, tokens) "
                    + "VALUES (?, ?, 1, 0) ON CONFLICT (account_id, day) DO UPDATE SET lessons = hub_ai_usage.lessons "
                    + "+ 1 WHERE (? < 0 OR hub_ai_usage.lessons < ?) AND (? < 0 OR hub_ai_usage.tokens < ?)")) {
                p.setLong(1, account);
                p.setString(2, day);
                p.setLong(3, lessonLimit);
                p.setLong(4, lessonLimit);
                p.setLong(5, tokenLimit);
                p.setLong(6, tokenLimit);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Gives back a lesson counted by {@link #takeLesson} that was not queued after all. */
    public void returnLesson(long account, String day) {
        db.writing("count the AI lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_ai_usage SET lessons = lessons - 1 "
                    + "WHERE account_id = ? AND day = ? AND lessons > 0")) {
                p.setLong(1, account);
                p.setString(2, day);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Adds the model tokens a lesson used to the account's usage of {@code day}. */
    public void addTokens(long account, String day, long tokens) {
        db.writing("count the AI tokens in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_ai_usage (account_id, day, lessons, tokens) "
                    + "VALUES (?, ?, 0, ?) ON CONFLICT (account_id, day) DO UPDATE SET tokens = hub_ai_usage.tokens "
                    + "+ excluded.tokens")) {
                p.setLong(1, account);
                p.setString(2, day);
                p.setLong(3, tokens);
                p.executeUpdate();
            }
            return null;
        });
    }

    // ---- lessons

    public void addLesson(Lesson l) {
        db.writing("store the tutor lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_tutor_lesson (" + LESSON_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, l.id());
                p.setLong(2, l.account());
                p.setString(3, l.course());
                p.setString(4, l.version());
                p.setString(5, l.exercise());
                p.setString(6, l.test());
                p.setString(7, l.request());
                p.setString(8, l.requestHash());
                p.setString(9, l.status());
                p.setString(10, l.misconception());
                p.setString(11, l.lesson());
                p.setString(12, l.source());
                if (l.rating() == null) {
                    p.setNull(13, java.sql.Types.INTEGER);
                } else {
                    p.setInt(13, l.rating());
                }
                p.setString(14, l.error());
                p.setLong(15, l.createdMs());
                p.setLong(16, l.tokens());
                p.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Lesson> lesson(String id) {
        return db.reading("read the tutor lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + LESSON_COLUMNS
                    + " FROM hub_tutor_lesson WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(lesson(rs)) : Optional.<Lesson>empty();
                }
            }
        });
    }

    /** The account's lesson asked for with the same request since {@code sinceMs}, if any. */
    public Optional<Lesson> sameRequest(long account, String requestHash, long sinceMs) {
        return db.reading("read the tutor lessons in", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + LESSON_COLUMNS + " FROM hub_tutor_lesson "
                    + "WHERE account_id = ? AND request_hash = ? AND created_ms >= ? ORDER BY created_ms DESC LIMIT 1")) {
                p.setLong(1, account);
                p.setString(2, requestHash);
                p.setLong(3, sinceMs);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(lesson(rs)) : Optional.<Lesson>empty();
                }
            }
        });
    }

    /** The account's lessons, newest first, at most {@code limit}, for a course and exercise when given. */
    public List<Lesson> lessons(long account, Optional<String> course, Optional<String> exercise, int limit) {
        return db.reading("read the tutor lessons in", c -> {
            List<Lesson> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + LESSON_COLUMNS + " FROM hub_tutor_lesson "
                    + "WHERE account_id = ? AND (? IS NULL OR course = ?) AND (? IS NULL OR exercise = ?) "
                    + "ORDER BY created_ms DESC, id LIMIT " + limit)) {
                p.setLong(1, account);
                p.setString(2, course.orElse(null));
                p.setString(3, course.orElse(null));
                p.setString(4, exercise.orElse(null));
                p.setString(5, exercise.orElse(null));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(lesson(rs));
                    }
                }
            }
            return all;
        });
    }

    /** Records where a lesson's job stands. */
    public void setStatus(String id, String status) {
        update("UPDATE hub_tutor_lesson SET status = ? WHERE id = ?", status, id);
    }

    public void setMisconception(String id, String status, String misconceptionJson) {
        update("UPDATE hub_tutor_lesson SET status = ?, misconception = ? WHERE id = ?", status, misconceptionJson, id);
    }

    /** The lesson done: its Markdown, where it came from, and the tokens its job used. */
    public void finish(String id, String lesson, String source, long tokens) {
        db.writing("store the tutor lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE hub_tutor_lesson SET status = 'done', lesson = ?, "
                    + "source = ?, tokens = ?, error = NULL WHERE id = ?")) {
                p.setString(1, lesson);
                p.setString(2, source);
                p.setLong(3, tokens);
                p.setString(4, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    public void fail(String id, String error) {
        update("UPDATE hub_tutor_lesson SET status = 'failed', error = ? WHERE id = ?", error, id);
    }

    /** Rates a lesson of {@code account}; whether there is such a lesson. */
    public boolean rate(String id, long account, int rating) {
        return db.writing("rate the tutor lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE hub_tutor_lesson SET rating = ? WHERE id = ? AND account_id = ?")) {
                p.setInt(1, rating);
                p.setString(2, id);
                p.setLong(3, account);
                return p.executeUpdate() > 0;
            }
        });
    }

    /** Lessons given per exercise of {@code course}, with their average rating (0 when none is rated). */
    public List<Given> given(String course) {
        return db.reading("read the tutor lessons in", c -> {
            List<Given> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT exercise, COUNT(*), COUNT(rating), "
                    + "COALESCE(AVG(rating), 0) FROM hub_tutor_lesson WHERE course = ? AND status = 'done' "
                    + "GROUP BY exercise ORDER BY exercise")) {
                p.setString(1, course);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Given(course, rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                    }
                }
            }
            return all;
        });
    }

    private static Lesson lesson(ResultSet rs) throws SQLException {
        int rating = rs.getInt(13);
        Integer rated = rs.wasNull() ? null : rating;
        return new Lesson(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rated, rs.getString(14), rs.getLong(15), rs.getLong(16));
    }

    private void update(String sql, String... values) {
        db.writing("store the tutor lesson in", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    p.setString(i + 1, values[i]);
                }
                p.executeUpdate();
            }
            return null;
        });
    }

}
