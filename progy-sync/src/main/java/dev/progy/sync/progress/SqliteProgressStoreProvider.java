package dev.progy.sync.progress;

import dev.progy.ProgyException;
import dev.progy.model.CourseProgress;
import dev.progy.spi.Availability;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProgressStoreProvider;
import dev.progy.spi.ProviderConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The SQLite progress store ({@code sqlite}): progress as per-item records in {@code progress.db} in the folder
 * named by {@value #DIR_KEY} (normally the workspace's {@code .progy}), ready for delta sync. Chosen with
 * {@code progy.progress=sqlite}; its priority is below the file store's, so a workspace never changes store just
 * because this module is on the class path. The first update of a course imports the progress the file store kept
 * for it (or an original Progy's {@code progress.json}).
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
        return SqliteProgressStore.open(dir.resolve(FILE_NAME), busyTimeout, filesIn(dir));
    }

    /**
     * The progress the file store keeps in {@code dir}, found by its id through the port rather than by its class,
     * opened only when a course without records asks.
     */
    private static Function<String, Optional<CourseProgress>> filesIn(Path dir) {
        ProgressStore[] files = new ProgressStore[1];
        return courseId -> {
            if (files[0] == null) {
                ProgressStoreProvider file = ServiceLoader.load(ProgressStoreProvider.class,
                                SqliteProgressStoreProvider.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("file")).findFirst().orElse(null);
                if (file == null) {
                    return Optional.empty();
                }
                files[0] = file.create(ProviderConfig.of(java.util.Map.of(DIR_KEY, dir.toString())));
            }
            CourseProgress p = files[0].load(courseId);
            return p.equals(CourseProgress.empty(courseId)) ? Optional.empty() : Optional.of(p);
        };
    }
}
