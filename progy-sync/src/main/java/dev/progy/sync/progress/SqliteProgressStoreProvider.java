package dev.progy.sync.progress;

import dev.progy.error.ProgyException;
import dev.progy.spi.Availability;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProgressStoreProvider;
import dev.progy.spi.ProviderConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The SQLite progress store ({@code sqlite}): progress as per-item records in {@code progress.db} in the folder
 * named by {@value #DIR_KEY} (normally the workspace's {@code .progy}), ready for delta sync. Chosen with
 * {@code progy.progress=sqlite}; its priority is below the file store's, so a workspace never changes store just
 * because this module is on the class path. It takes a workspace over from the file store: the progress the file
 * store kept for a course (or an original Progy's {@code progress.json}) is moved into the database the first time
 * the course is read or changed, and the files are kept renamed as a backup.
 *
 * <p>Settings: {@value #DIR_KEY} (required), {@value #BUSY_TIMEOUT_KEY} (seconds another process's write is waited
 * for, default 5).
 */
public final class SqliteProgressStoreProvider implements ProgressStoreProvider {

    /** The folder holding the database, normally {@code <workspace>/.progy}; the key the file store uses too. */
    public static final String DIR_KEY = "progress.dir";

    /** Seconds to wait for another process's write before giving up. */
    public static final String BUSY_TIMEOUT_KEY = "progress.sqlite.busy-timeout";

    /** The database's file name inside {@value #DIR_KEY}. */
    public static final String FILE_NAME = "progress.db";

    static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /** A SQLite progress store over {@code progressDir}, for callers that do not go through discovery. */
    public static ProgressStore at(Path progressDir) {
        return open(progressDir, DEFAULT_BUSY_TIMEOUT);
    }

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        Optional<Path> dir = config.path(DIR_KEY);
        if (dir.isEmpty()) {
            return Availability.no(DIR_KEY + " is not set, so there is no folder to keep the progress database in",
                    "Run progy inside a course workspace, or set " + DIR_KEY + " to its .progy folder.");
        }
        if (Files.exists(dir.get()) && !Files.isDirectory(dir.get())) {
            return Availability.no(DIR_KEY + " points to " + dir.get() + ", which is a file, not a folder",
                    "Set " + DIR_KEY + " to the workspace's .progy folder.");
        }
        return Availability.yes();
    }

    @Override
    public ProgressStore create(ProviderConfig config) {
        Availability availability = availability(config);
        if (!availability.usable()) {
            throw new ProgyException("The SQLite progress store cannot be used: " + availability.reason() + ".",
                    availability.fixHint());
        }
        return open(config.path(DIR_KEY).orElseThrow(), config.seconds(BUSY_TIMEOUT_KEY, DEFAULT_BUSY_TIMEOUT));
    }

    static SqliteProgressStore open(Path dir, Duration busyTimeout) {
        return SqliteProgressStore.open(dir.resolve(FILE_NAME), busyTimeout);
    }
}
