package dev.progy;

import dev.progy.error.ProgyException;

import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.internal.progress.FileProgressStoreProvider;
import dev.progy.model.CourseProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The progress the file store (the {@code file} progress store, every workspace's first) keeps in a workspace's
 * {@code .progy} folder, for a store that takes a workspace over from it: it moves the progress into its own records
 * once, then {@link #retire}s the files, so what the student did before the switch is neither lost nor counted twice.
 * Finding nothing is cheap (two file checks), so a store may look on every open.
 */
public final class FileProgress {

    /** What a retired file's name gets: it stays beside the others as a backup. */
    public static final String RETIRED_SUFFIX = ".migrated";

    private FileProgress() { }

    /**
     * The progress of a course the file store kept.
     *
     * @param progress what the files show
     * @param files    the files holding it (the course's own file, an original Progy's {@code progress.json})
     */
    public record Held(CourseProgress progress, List<Path> files) {
        public Held {
            files = List.copyOf(files);
        }
    }

    /**
     * The progress of {@code courseId} the file store kept in {@code progressDir}; empty when there is none.
     *
     * @throws dev.progy.error.ProgyException when a file is damaged, saying which, what is wrong and what to do
     */
    public static Optional<Held> find(Path progressDir, String courseId) {
        if (!Files.isDirectory(progressDir)) {
            return Optional.empty();
        }
        return FileProgressStoreProvider.held(progressDir, courseId).map(k -> new Held(k.progress(), k.files()));
    }

    /**
     * Renames the files to {@code <name>.migrated} (kept as a backup), so the file store no longer shows them; call
     * it only once their progress is safely in the new store. A file already gone counts as retired.
     */
    public static void retire(Held held) throws IOException {
        for (Path f : held.files()) {
            if (Files.isRegularFile(f)) {
                AtomicFiles.move(f, f.resolveSibling(f.getFileName() + RETIRED_SUFFIX));
            }
        }
    }
}
