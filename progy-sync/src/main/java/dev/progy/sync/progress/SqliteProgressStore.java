package dev.progy.sync.progress;

import dev.progy.ProgyException;
import dev.progy.sync.DeviceId;
import dev.progy.model.CourseProgress;
import dev.progy.model.CourseRecords;
import dev.progy.model.ProgressRecord;
import dev.progy.spi.ProgressStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Progress as {@link ProgressRecord}s in a SQLite database, normally the workspace's {@code .progy/progress.db}:
 * one row per exercise, quiz and course, so a change writes the few rows it touches and a later push sends just
 * those.
 *
 * <p>The database runs in WAL mode, so a load never waits for a writer. An update is one transaction started with
 * {@code BEGIN IMMEDIATE}, which takes the write lock before reading, so two processes never interleave a
 * read-modify-write; a process that finds the lock taken waits up to the busy timeout. Commits are not fsynced
 * ({@code synchronous=NORMAL}): a killed process loses nothing it committed, a power cut may lose the last
 * commits but never corrupts the database. One connection serves the store, guarded by a lock in this JVM.
 *
 * <p>While a course has no records here, the workspace's file progress (the file store's files, or an original
 * Progy's {@code progress.json}) is shown as its progress, and the first update imports it.
 */
final class SqliteProgressStore implements ProgressStore {

    private final Path db;
    private final Connection connection;
    private final String deviceId;
    private final Function<String, Optional<CourseProgress>> previous;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private SqliteProgressStore(Path db, Connection connection, String deviceId,
                                Function<String, Optional<CourseProgress>> previous) {
        this.db = db;
        this.connection = connection;
        this.deviceId = deviceId;
        this.previous = previous;
    }

    /**
     * Opens (creating if need be) the database at {@code db} and brings its schema up to date. {@code previous}
     * gives the progress a course had before this store, if any (the workspace's files).
     */
    static SqliteProgressStore open(Path db, Duration busyTimeout, Function<String, Optional<CourseProgress>> previous) {
        try {
            Files.createDirectories(db.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ProgyException("Could not create the folder of the progress database " + db + ": "
                    + e.getMessage(), "Check that the workspace folder is writable.", e);
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        } catch (SQLException e) {
            throw failure(db, "open", e);
        }
        try {
            configure(c, db, busyTimeout);
            // a new database counts this machine's attempts under the workspace's device id (.progy/device-id, the
            // one the git backup names its branch by), so one machine is one device whatever it uses
            String newDevice = DeviceId.of(db.toAbsolutePath().resolveSibling("device-id"));
            String device = inTransaction(c, db, () -> SqliteSchema.migrate(c, db.toString(), newDevice));
            return new SqliteProgressStore(db, c, device, previous);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(db, "open", e);
        } catch (IOException e) {
            closeQuietly(c);
            throw new ProgyException("Could not read or write the workspace's device id beside " + db + ": "
                    + e.getMessage(), "Check that the workspace folder is writable.", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void configure(Connection c, Path db, Duration busyTimeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
                if (!"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new ProgyException("The progress database " + db + " cannot use write-ahead logging "
                            + "(journal mode " + rs.getString(1) + ").",
                            "Keep the workspace on a local disk rather than a network share.");
                }
            }
            s.execute("PRAGMA synchronous = NORMAL");
        }
    }

    /** This database's device id, under which its attempts are counted. */
    String deviceId() {
        return deviceId;
    }

    @Override
    public CourseProgress load(String courseId) {
        lock.lock();
        try {
            ensureOpen();
            List<ProgressRecord> rows = RecordRows.read(connection, courseId);
            return rows.isEmpty() ? imported(courseId).progress() : CourseRecords.of(courseId, rows).progress();
        } catch (SQLException e) {
            throw failure(db, "read", e);
        } catch (RecordRows.Unreadable e) {
            throw damaged(db, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CourseProgress update(String courseId, UnaryOperator<CourseProgress> change) {
        lock.lock();
        try {
            ensureOpen();
            return inTransaction(connection, db, () -> {
                CourseRecords stored = CourseRecords.of(courseId, RecordRows.read(connection, courseId));
                CourseRecords current = stored.records().isEmpty() ? imported(courseId) : stored;
                CourseProgress before = current.progress();
                CourseProgress after = Objects.requireNonNull(change.apply(before), "a progress change returned null");
                if (!after.courseId().equals(courseId)) {
                    throw new IllegalArgumentException("a progress change of course " + courseId
                            + " returned progress of course " + after.courseId());
                }
                CourseRecords next = current.recordChange(after, deviceId);
                List<ProgressRecord> changed = next.changedSince(stored);
                if (!changed.isEmpty()) {
                    RecordRows.write(connection, changed, nextLocalSeq());
                }
                return next.progress();
            });
        } finally {
            lock.unlock();
        }
    }

    /** The batch a sync sends next (see {@link ReplicaRows#next}). */
    SyncBatch nextBatch(int maxRecords) {
        lock.lock();
        try {
            ensureOpen();
            return inTransaction(connection, db, () -> ReplicaRows.next(connection, maxRecords));
        } finally {
            lock.unlock();
        }
    }

    /** Applies a server's answer to {@code batch} (see {@link ReplicaRows#apply}); returns the rows the pull changed. */
    int applyAnswer(SyncBatch batch, dev.progy.sync.wire.SyncResponse answer) {
        lock.lock();
        try {
            ensureOpen();
            return inTransaction(connection, db, () -> ReplicaRows.apply(connection, batch, answer));
        } finally {
            lock.unlock();
        }
    }

    private CourseRecords imported(String courseId) {
        return previous.apply(courseId).map(CourseRecords::imported).orElseGet(() -> CourseRecords.empty(courseId));
    }

    private long nextLocalSeq() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("UPDATE replica SET local_seq = local_seq + 1");
            try (ResultSet rs = s.executeQuery("SELECT local_seq FROM replica")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Work inside {@code BEGIN IMMEDIATE ... COMMIT}; rolled back on any failure. */
    private static <T> T inTransaction(Connection c, Path db, Work<T> work) {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run();
                s.execute("COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    try {
                        s.execute("ROLLBACK");
                    } catch (SQLException e) {
                        // the failure that got us here says more; SQLite may have rolled back already
                    }
                }
            }
        } catch (SQLException e) {
            throw failure(db, "save", e);
        } catch (RecordRows.Unreadable e) {
            throw damaged(db, e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException, RecordRows.Unreadable;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the progress store of " + db + " is closed");
        }
    }

    private static ProgyException damaged(Path db, RecordRows.Unreadable e) {
        return new ProgyException("The progress database " + db + " holds something Progy did not write: "
                + e.getMessage() + ".", "Progy has left it untouched. Restore it from a backup, or move it away to "
                + "start this workspace's progress afresh.", e);
    }

    private static ProgyException failure(Path db, String what, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == 5 || code == 6) { // SQLITE_BUSY, SQLITE_LOCKED
            return new ProgyException("Could not " + what + " progress: the progress database " + db
                    + " stayed locked by another program.", "Wait for the other progy command to finish and try "
                    + "again.", e);
        }
        if (code == 11 || code == 26) { // SQLITE_CORRUPT, SQLITE_NOTADB
            return new ProgyException("The progress database " + db + " is damaged or is not a database.",
                    "Progy has left it untouched. Restore it from a backup, or move it away to start this "
                            + "workspace's progress afresh.", e);
        }
        return new ProgyException("Could not " + what + " progress in " + db + ": " + e.getMessage(),
                "Check that the folder is writable and the disk is not full.", e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing is pending: every change was committed or rolled back
            }
        }
    }

    @Override
    public String toString() {
        return "SQLite progress store in " + db;
    }
}
