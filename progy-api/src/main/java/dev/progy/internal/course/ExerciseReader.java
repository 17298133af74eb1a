package dev.progy.internal.course;

import dev.progy.model.Exercise;
import dev.progy.model.LimitOverrides;
import dev.progy.model.Prerequisite;
import dev.progy.model.Quiz;

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
        if (!files.contains(README)) {
            problems.add(dir, "", "README.md is missing: every exercise needs its instructions in README.md");
        }
        Optional<String> entryFile = entryFile(files);
        if (entryFile.isEmpty()) {
            problems.add(dir, "", "no entry file: add the starter code as one of " + String.join(", ", ENTRY_CANDIDATES)
                    + ", or any exercise.<ext>");
        }
        Optional<Quiz> quiz = Optional.empty();
        if (files.contains(QuizReader.FILE)) {
            quiz = QuizReader.read(dir.resolve(QuizReader.FILE), problems);
        }
        return new Exercise(
                moduleDir + "/" + dirName,
                moduleDir,
                dirName,
                entry.flatMap(ModuleInfo.ExerciseEntry::title).filter(t -> !t.isBlank())
                        .orElse(FolderNames.title(dirName)),
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
