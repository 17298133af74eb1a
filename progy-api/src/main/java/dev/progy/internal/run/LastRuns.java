package dev.progy.internal.run;

import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.spi.support.json.JsonTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The latest result of each exercise, kept in {@code .progy/runs/} so that a later command (a hint, the
 * progress view) can point at what failed without running again. Output is not kept, only the verdict.
 */
public final class LastRuns {

    private LastRuns() { }

    /** Keeps {@code result} as the latest run of {@code exercise}. */
    public static void save(Path stateDir, Exercise exercise, RunResult result) {
        var json = RunJson.write(result);
        json.put("output", "");
        try {
            Path file = file(stateDir, exercise);
            if (Files.isDirectory(file.getParent())) {
                AtomicFiles.removeStrayTemps(file); // left by a progy killed while it wrote
            }
            AtomicFiles.write(file, JsonTrees.print(json).getBytes(StandardCharsets.UTF_8), AtomicFiles.Durability.CACHE);
        } catch (IOException e) {
            // the last-run record only helps hints point at what failed; progress is stored separately
        }
    }

    /** The latest run of {@code exercise}, if one was kept and is readable. */
    public static Optional<RunResult> load(Path stateDir, Exercise exercise) {
        Path f = file(stateDir, exercise);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunJson.read(JsonTrees.parse(Files.readString(f, StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged cache only loses a hint's pointer, never progress
        }
    }

    private static Path file(Path stateDir, Exercise exercise) {
        return stateDir.resolve("runs").resolve(exercise.id().replace("/", "__") + ".json");
    }
}
