package dev.progy.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One exercise of a course.
 *
 * @param id            {@code <module dir>/<exercise dir>}, e.g. {@code 01_basics/01_hello}; for a single-file
 *                      exercise (a file directly in the module folder) {@code <module dir>/<file name without
 *                      extension>}, e.g. {@code 01_hello/exercise}
 * @param moduleDir     e.g. {@code 01_basics}
 * @param dirName       e.g. {@code 01_hello}; empty for a single-file exercise, whose folder is its module's
 * @param title         from info.toml, else derived from the folder name
 * @param xp            XP for the first pass (20 by default)
 * @param difficulty    may be empty
 * @param tags          may be empty
 * @param prerequisites extra prerequisites beyond sequential progression
 * @param hints         static hints, revealed one at a time
 * @param entryFile     file name of the entry file inside the exercise folder, e.g. {@code exercise.py}
 * @param solution      path of the solution relative to the exercise folder ({@code solution/} or
 *                      {@code solution.py}), if the course ships one
 * @param quiz          the exercise's quiz, if it has a {@code quiz.json}
 * @param limits        limits of its own that replace the runner's ({@code timeout_seconds} etc. in info.toml)
 */
public record Exercise(
        String id,
        String moduleDir,
        String dirName,
        String title,
        int xp,
        String difficulty,
        List<String> tags,
        List<Prerequisite> prerequisites,
        List<String> hints,
        String entryFile,
        Optional<String> solution,
        Optional<Quiz> quiz,
        LimitOverrides limits) {

    /** XP earned the first time an exercise passes unless info.toml says otherwise. */
    public static final int DEFAULT_XP = 20;

    public Exercise {
        tags = List.copyOf(tags);
        prerequisites = List.copyOf(prerequisites);
        hints = List.copyOf(hints);
        Objects.requireNonNull(limits, "limits");
    }

    /** An exercise with the runner's limits. */
    public Exercise(String id, String moduleDir, String dirName, String title, int xp, String difficulty,
                    List<String> tags, List<Prerequisite> prerequisites, List<String> hints, String entryFile,
                    Optional<String> solution, Optional<Quiz> quiz) {
        this(id, moduleDir, dirName, title, xp, difficulty, tags, prerequisites, hints, entryFile, solution, quiz,
                LimitOverrides.NONE);
    }

    /**
     * Whether the exercise is a single file placed directly in its module folder (no folder of its own), as the
     * original Progy allowed: its folder is the module's.
     */
    public boolean singleFile() {
        return dirName.isEmpty();
    }

    /** Path of the exercise folder relative to the exercises folder, with forward slashes. */
    public String relativeDir() {
        return singleFile() ? moduleDir : moduleDir + "/" + dirName;
    }

    /** Path of the entry file relative to the exercises folder, e.g. {@code 01_basics/01_hello/exercise.py}. */
    public String relativeEntryFile() {
        return relativeDir() + "/" + entryFile;
    }
}
