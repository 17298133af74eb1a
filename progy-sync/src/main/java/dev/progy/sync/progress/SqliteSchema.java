package dev.progy.sync.progress;

import dev.progy.error.ProgyException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The progress database's schema and its versioned migrations, applied in order when a store opens and recorded
 * in {@code schema_version}. The SQL keeps to what SQLite and PostgreSQL both accept (TEXT, INTEGER, BIGINT,
 * {@code ON CONFLICT ... DO UPDATE}), since the server keeps records in the same shape on either.
 *
 * <p>Version 1: one row per record ({@code progress_record}), its sets and per-device counts as JSON text; each
 * row carries the local sequence number of the change that last wrote it, so a push can send the rows changed
 * since the last successful one ({@code local_seq > replica.pushed_seq}); {@code replica} holds this database's
 * device id, the last local sequence number given, and the server's sequence number pulled up to. No column
 * holds a device's clock as an ordering.
 *
 * <p>Version 2: the push in flight, in {@code replica}: its idempotency key, the local sequence number it covers
 * and its records as sent. They are stored before the push is sent and cleared when the server's answer is applied,
 * so a push whose answer was lost (a timeout, a killed process) is sent again as it was, under the same key, and
 * the server applies it once.
 */
final class SqliteSchema {

    /** The version this code writes; a database of a higher version comes from a newer Progy. */
    static final int LATEST = 2;

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE progress_record (
                course_id            TEXT    NOT NULL,
                item_kind            TEXT    NOT NULL,
                item_id              TEXT    NOT NULL,
                status               TEXT    NOT NULL,
                attempts             TEXT    NOT NULL,
                first_passed_at      TEXT,
                best_score           INTEGER NOT NULL,
                hints_revealed       INTEGER NOT NULL,
                xp_earned            INTEGER NOT NULL,
                latest_stamp         BIGINT,
                latest_device        TEXT,
                latest_at            TEXT,
                latest_verdict       TEXT,
                latest_score         INTEGER,
                latest_total         INTEGER,
                active_days          TEXT    NOT NULL,
                achievements         TEXT    NOT NULL,
                longest_streak_floor INTEGER NOT NULL,
                local_seq            BIGINT  NOT NULL,
                PRIMARY KEY (course_id, item_kind, item_id)
            )""",
            "CREATE INDEX progress_record_local_seq ON progress_record (local_seq)",
            """
            CREATE TABLE replica (
                id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                device_id   TEXT    NOT NULL,
                local_seq   BIGINT  NOT NULL,
                pushed_seq  BIGINT  NOT NULL,
                pull_cursor BIGINT  NOT NULL
            )"""),
            List.of(
            "ALTER TABLE replica ADD COLUMN pending_key TEXT",
            "ALTER TABLE replica ADD COLUMN pending_seq BIGINT",
            "ALTER TABLE replica ADD COLUMN pending_body TEXT"));

    private SqliteSchema() { }

    /**
     * Brings the database to {@link #LATEST} inside the caller's write transaction and returns this database's
     * device id, made once, when the database is created.
     */
    static String migrate(Connection c, String dbName, String newDeviceId) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "applied_at TEXT NOT NULL)");
            int current;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > LATEST) {
                throw new ProgyException("The progress database " + dbName + " was written by a newer Progy (schema "
                        + "version " + current + ", this one knows up to " + LATEST + ").",
                        "Upgrade Progy to use this workspace.");
            }
            for (int v = current + 1; v <= LATEST; v++) {
                for (String sql : MIGRATIONS.get(v - 1)) {
                    s.execute(sql);
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, Instant.now().toString());
                    p.executeUpdate();
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO replica (id, device_id, local_seq, pushed_seq, "
                + "pull_cursor) SELECT 1, ?, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM replica)")) {
            p.setString(1, newDeviceId);
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_id FROM replica")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
