package dev.progy.internal.course;

import dev.progy.model.Exercise;
import dev.progy.model.LimitOverrides;
import dev.progy.model.Prerequisite;
import dev.progy.model.Quiz;
import dev.progy.spi.support.protocol.Placeholders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads one exercise folder: its instructions, its entry file, its solution and its quiz. */
final class ExerciseReader {

    /** The original's candidates, first match wins, then this project's additions. */
    static final List<String> ENTRY_CANDIDATES = List.of(
            "exercise.rs", "exercise.sql", "exercise.py", "exercise.ts", "exercise.js",
            "main.rs", "index.ts", "main.go", "index.js", "main.py",
            "exercise.java", "Main.java");

    static final String README = "README.md";

    private ExerciseReader() {
    }

    static Exercise read(Path dir, String moduleDir, Optional<ModuleInfo.ExerciseEntry> entry, Problems problems) {
        String dirName = dir.getFileName().toString();
        List<String> files = fileNames(dir, problems);
        Optional<String> entryFile = entryFile(files);
        if (entryFile.isEmpty()) {
            problems.add(dir, "", "no entry file: add the starter code as one of " + String.join(", ", ENTRY_CANDIDATES)
                    + ", or any exercise.<ext>");
        }
        return exercise(dir, files, moduleDir + "/" + dirName, moduleDir, dirName, entryFile,
                FolderNames.title(dirName), entry, problems);
    }

    /**
     * The starter file lying directly in a module folder, as the original's single-file exercises did
     * ({@code content/01_hello/exercise.py}): chosen by the same rule as an exercise folder's entry file.
     */
    static Optional<String> singleFileEntry(Path moduleDir) {
        List<String> files = new ArrayList<>();
        try (Stream<Path> children = Files.list(moduleDir)) {
            children.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(files::add);
        } catch (IOException e) {
            return Optional.empty(); // the module's own listing reports it
        }
        return entryFile(files);
    }

    /** {@code exercise.py} → {@code exercise}: the second part of a single-file exercise's id. */
    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * The single-file exercise of a module: id {@code <module>/<file name without extension>}, its folder the
     * module's, its instructions the module's README.md, its title the info.toml entry's, else the module's.
     */
    static Exercise readSingleFile(Path moduleDir, String entryFile, String moduleName, String moduleTitle,
                                   Optional<ModuleInfo.ExerciseEntry> entry, Problems problems) {
        List<String> files = fileNames(moduleDir, problems);
        return exercise(moduleDir, files, moduleName + "/" + stem(entryFile), moduleName, "", Optional.of(entryFile),
                moduleTitle, entry, problems);
    }

    private static Exercise exercise(Path dir, List<String> files, String id, String moduleDir, String dirName,
                                     Optional<String> entryFile, String defaultTitle,
                                     Optional<ModuleInfo.ExerciseEntry> entry, Problems problems) {
        if (!files.contains(README)) {
            // the student can still run it; the original showed an exercise without instructions
            problems.warn(dir, "", "README.md is missing: every exercise needs its instructions in README.md");
        }
        entryFile.filter(f -> !Placeholders.isSafeName(f)).ifPresent(f -> problems.add(dir.resolve(f), "",
                "the entry file's name has characters a runner refuses (a name may hold only "
                        + Placeholders.SAFE_NAME + "); rename it"));
        Optional<Quiz> quiz = Optional.empty();
        if (files.contains(QuizReader.FILE)) {
            quiz = QuizReader.read(dir.resolve(QuizReader.FILE), problems);
        }
        return new Exercise(
                id,
                moduleDir,
                dirName,
                entry.flatMap(ModuleInfo.ExerciseEntry::title).filter(t -> !t.isBlank())
                        .orElse(defaultTitle),
                entry.flatMap(ModuleInfo.ExerciseEntry::xp).orElse(Exercise.DEFAULT_XP),
                entry.map(ModuleInfo.ExerciseEntry::difficulty).orElse(""),
                entry.map(ModuleInfo.ExerciseEntry::tags).orElse(List.of()),
                entry.map(e -> e.prerequisites().stream().map(ModuleInfo.Written::prerequisite).toList())
                        .orElse(List.<Prerequisite>of()),
                entry.map(ModuleInfo.ExerciseEntry::hints).orElse(List.of()),
                entryFile.orElse(""),
                solution(dir, files),
                quiz,
                entry.map(ModuleInfo.ExerciseEntry::limits).orElse(LimitOverrides.NONE));
    }

    /** First of the known candidates, else any exercise.&lt;ext&gt;, else any main.&lt;ext&gt; (which the original accepted). */
    static Optional<String> entryFile(List<String> files) {
        for (String candidate : ENTRY_CANDIDATES) {
            if (files.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String prefix : List.of("exercise.", "main.")) {
            Optional<String> any = files.stream()
                    .filter(f -> f.startsWith(prefix) && f.length() > prefix.length())
                    .sorted()
                    .findFirst();
            if (any.isPresent()) {
                return any;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> solution(Path dir, List<String> files) {
        if (Files.isDirectory(dir.resolve("solution"))) {
            return Optional.of("solution/");
        }
        return files.stream().filter(f -> f.startsWith("solution.") && f.length() > "solution.".length())
                .sorted().findFirst();
    }

    /** Names of the regular files directly in {@code dir}, sorted. */
    private static List<String> fileNames(Path dir, Problems problems) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        } catch (IOException e) {
            problems.add(dir, "", "cannot be listed: " + e.getMessage());
        }
        return names;
    }
}
