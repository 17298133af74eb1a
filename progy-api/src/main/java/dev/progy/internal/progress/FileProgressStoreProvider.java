package dev.progy.internal.progress;

import dev.progy.error.ProgyException;
import dev.progy.model.CourseProgress;
import dev.progy.spi.Availability;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProgressStoreProvider;
import dev.progy.spi.ProviderConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The file progress store ({@code file}): progress as JSON files in the workspace's {@code .progy/} folder,
 * named by the config key {@value #DIR_KEY}. Usable whenever that key is set; lower priority than stores that
 * sync, which may keep this one as their local copy.
 */
public final class FileProgressStoreProvider implements ProgressStoreProvider {

    /** The folder holding the progress files, normally {@code <workspace>/.progy}. */
    public static final String DIR_KEY = "progress.dir";

    /** A file progress store over {@code progressDir}, for callers that do not go through discovery. */
    public static ProgressStore at(Path progressDir) {
        return new FileProgressStore(progressDir);
    }

    /** The progress of a course this store kept, and the files holding it (what {@code FileProgress} hands out). */
    public record Kept(CourseProgress progress, List<Path> files) { }

    /** The progress of a course this store keeps in {@code progressDir}, with the files holding it. */
    public static Optional<Kept> held(Path progressDir, String courseId) {
        return FileProgressStore.held(progressDir, courseId);
    }

    @Override
    public String id() {
        return "file";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability(ProviderConfig config) {
        Optional<Path> dir = config.path(DIR_KEY);
        if (dir.isEmpty()) {
            return Availability.no(unsetReason(), unsetFix());
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
            throw new ProgyException("The file progress store cannot be used: " + availability.reason() + ".",
                    availability.fixHint());
        }
        return at(config.path(DIR_KEY).orElseThrow());
    }

    private static String unsetReason() {
        return DIR_KEY + " is not set, so there is no folder to keep progress in";
    }

    private static String unsetFix() {
        return "Run progy inside a course workspace, or set " + DIR_KEY + " to its .progy folder "
                + "(-D" + DIR_KEY + "=<dir> or the environment variable PROGRESS_DIR).";
    }
}
