package dev.progy.sync.progress;

import dev.progy.error.ProgyException;
import dev.progy.sync.DeviceId;
import dev.progy.model.CourseProgress;
import dev.progy.model.CourseRecords;
import dev.progy.model.ProgressRecord;
import dev.progy.spi.ProgressStore;
import dev.progy.FileProgress;

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
 * <p>It takes a workspace over from the file store: the progress the file store's files (or an original Progy's
 * {@code progress.json}) hold for a course is merged into the course's records the first time the course is read or
 * changed, and the files are renamed to {@code <name>.migrated}, kept as a backup. In a workspace that cannot be
 * written, the files are shown merged in until they can be moved.
 */
final class SqliteProgressStore implements ProgressStore {

    private final Path db;
    private final Connection connection;
    private final String deviceId;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;
    /** Why this store can only be read (it was opened on a read-only workspace); empty when it can be written. */
    private final Optional<ProgyException> readOnly;

    private SqliteProgressStore(Path db, Connection connection, String deviceId, Optional<ProgyException> readOnly) {
        this.db = db;
        this.connection = connection;
        this.deviceId = deviceId;
        this.readOnly = readOnly;
    }

    /**
     * Opens (creating if need be) the database at {@code db} and brings its schema up to date. A database that cannot
     * be written (a read-only workspace) is opened for reading only, when it is at the latest schema: the student
     * still sees their progress and can run, and every update says why it cannot be saved.
     */
    static SqliteProgressStore open(Path db, Duration busyTimeout) {
        try {
            return openWritable(db, busyTimeout);
        } catch (ProgyException cannotWrite) {
            if (!Files.isRegularFile(db) || !unwritable(cannotWrite)) {
                throw cannotWrite;
            }
            try {
                return openReadOnly(db, cannotWrite);
            } catch (SQLException | RuntimeException e) {
                throw cannotWrite; // damaged, newer or unreadable: the writable open's reason says it best
            }
        }
    }

    /**
     * Whether a failed open failed for want of writing (a read-only file, folder or file system, a file that cannot be
     * made beside it) rather than for a database that is busy, damaged or newer, which a read-only open must not hide.
     */
    private static boolean unwritable(ProgyException e) {
        if (e.getCause() instanceof IOException) {
            return true;
        }
        if (e.getCause() instanceof SQLException sql) {
            int code = sql.getErrorCode() & 0xff;
            return code == 8 || code == 10 || code == 14; // SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN
        }
        return false;
    }

    /**
     * The database opened read-only and {@code immutable}: SQLite opens a WAL database in a folder it cannot write to
     * (no {@code -shm} can be made there) only so; nothing can change it then, as its folder is read-only. What a
     * killed writer left in the write-ahead log, not yet copied into the database, is not seen until it is writable.
     */
    private static SqliteProgressStore openReadOnly(Path db, ProgyException cannotWrite) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("open_mode", String.valueOf(0x01 | 0x40)); // SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
        Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?immutable=1", props);
        try (Statement s = c.createStatement();
             ResultSet version = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            version.next();
            if (version.getInt(1) != SqliteSchema.LATEST) {
                throw new SQLException("schema version " + version.getInt(1));
            }
            try (ResultSet device = s.executeQuery("SELECT device_id FROM replica")) {
                if (!device.next()) {
                    throw new SQLException("no replica row");
                }
                return new SqliteProgressStore(db, c, device.getString(1), Optional.of(cannotWrite));
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static SqliteProgressStore openWritable(Path db, Duration busyTimeout) {
        try {
            Files.createDirectories(db.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ProgyException("Could not create the folder of the progress database " + db + ".",
                    "Check that the workspace folder is writable by you.", e);
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
            return new SqliteProgressStore(db, c, device, Optional.empty());
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(db, "open", e);
        } catch (IOException e) {
            closeQuietly(c);
            throw new ProgyException("Could not read or write the workspace's device id beside " + db + " (.progy/"
                    + "device-id).", "Check that the workspace folder is writable by you.", e);
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
            Optional<FileProgress.Held> files = FileProgress.find(db.getParent(), courseId);
            if (files.isPresent()) {
                try {
                    if (readOnly.isPresent()) {
                        throw readOnly.get();
                    }
                    takeOver(courseId, files.get());
                } catch (ProgyException e) {
                    // cannot write here (a read-only workspace): show both, and move the files once it is writable
                    return CourseRecords.of(courseId, RecordRows.read(connection, courseId))
                            .merge(CourseRecords.imported(files.get().progress())).progress();
                }
            }
            return CourseRecords.of(courseId, RecordRows.read(connection, courseId)).progress();
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
            if (readOnly.isPresent()) {
                throw readOnly.get();
            }
            Optional<FileProgress.Held> files = FileProgress.find(db.getParent(), courseId);
            if (files.isPresent()) {
                takeOver(courseId, files.get());
            }
            return inTransaction(connection, db, () -> {
                CourseRecords stored = CourseRecords.of(courseId, RecordRows.read(connection, courseId));
                CourseRecords current = stored;
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

    /**
     * Moves the progress the file store kept for a course into this database, then keeps its files renamed as a
     * backup: one transaction merges the files' records into the course's (merging is idempotent, so a crash before
     * the rename only means the next open merges the same records again, changing nothing), then the rename.
     */
    private void takeOver(String courseId, FileProgress.Held files) {
        inTransaction(connection, db, () -> {
            CourseRecords stored = CourseRecords.of(courseId, RecordRows.read(connection, courseId));
            List<ProgressRecord> changed = stored.merge(CourseRecords.imported(files.progress())).changedSince(stored);
            if (!changed.isEmpty()) {
                RecordRows.write(connection, changed, nextLocalSeq());
            }
            return null;
        });
        try {
            FileProgress.retire(files);
        } catch (IOException e) {
            throw new ProgyException("Moved the progress of " + files.files() + " into " + db + " but could not rename "
                    + "the files to keep them as a backup.", "Make the folder " + db.getParent() + " writable.", e);
        }
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
                + e.getMessage() + ".", wayBack(db), e);
    }

    private static ProgyException failure(Path db, String what, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == 5 || code == 6) { // SQLITE_BUSY, SQLITE_LOCKED
            return new ProgyException("Could not " + what + " progress: the progress database " + db
                    + " stayed locked by another program.", "Wait for the other progy command to finish and try "
                    + "again.", e);
        }
        if (code == 11 || code == 26) { // SQLITE_CORRUPT, SQLITE_NOTADB
            return new ProgyException("The progress database " + db + " is damaged: it is not a database Progy can "
                    + "read.", wayBack(db), e);
        }
        String why = switch (code) {
            case 8 -> "it is read-only"; // SQLITE_READONLY
            case 13 -> "the disk is full"; // SQLITE_FULL
            case 14 -> "it cannot be opened (is its folder writable by you?)"; // SQLITE_CANTOPEN
            case 10 -> "the disk could not be read or written"; // SQLITE_IOERR
            default -> "the database refused (error " + code + ")";
        };
        return new ProgyException("Could not " + what + " progress in " + db + ": " + why + ".",
                "Let Progy write in " + db.getParent() + " (chmod -R u+w " + db.getParent() + "; check the disk is not "
                        + "full), then try again.", e);
    }

    /** What to do about a damaged database: the way back to the progress it held. */
    private static String wayBack(Path db) {
        return "Progy has left it untouched. Move it away (mv " + db + " " + db + ".damaged): if this workspace syncs, "
                + "`progy sync` then brings your progress back from the server; the files the database took over are "
                + "kept beside it as a backup, progress-*.json.migrated (rename one back to .json to start from it).";
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
