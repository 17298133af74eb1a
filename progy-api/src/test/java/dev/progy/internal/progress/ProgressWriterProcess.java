package dev.progy.internal.progress;

import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.spi.ProgressStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The other process of {@link FileProgressStoreCrashTest}: a student's {@code progy} updating progress as fast
 * as it can. Arguments: the progress folder, the course id, how many updates ({@code forever} for no end),
 * and optionally a file to wait for before starting, so that two writers start together.
 */
final class ProgressWriterProcess {

    /** The exercise whose attempts count the updates that were stored. */
    static final String COUNTER = "00_counter/00_counter";

    private ProgressWriterProcess() { }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        String courseId = args[1];
        long updates = args[2].equals("forever") ? Long.MAX_VALUE : Long.parseLong(args[2]);
        ProgressStore store = new FileProgressStore(dir);
        System.out.println("ready");
        System.out.flush();
        if (args.length > 3) {
            Path go = Path.of(args[3]);
            while (!Files.exists(go)) {
                Thread.sleep(1);
            }
        }
        for (long i = 0; i < updates; i++) {
            Exercise other = exercise("01_basics/" + (i % 16));
            store.update(courseId, p -> oneMoreRun(oneMoreRun(p, exercise(COUNTER)), other));
        }
    }

    /** How many updates the progress holds. */
    static int counter(CourseProgress progress) {
        return progress.exercise(COUNTER).attempts();
    }

    private static CourseProgress oneMoreRun(CourseProgress p, Exercise exercise) {
        RunResult failed = new RunResult(RunResult.Status.FAIL, RunResult.Termination.NORMAL, "", List.of(),
                List.of(), "", false, OptionalInt.of(1), OptionalInt.empty(), Duration.ZERO,
                RunResult.Source.EXIT_CODE);
        return ProgressLedger.recordRun(p, exercise, failed, Instant.now());
    }

    private static Exercise exercise(String id) {
        String[] parts = id.split("/");
        return new Exercise(id, parts[0], parts[1], id, Exercise.DEFAULT_XP, "", List.of(), List.of(), List.of(),
                "exercise.py", Optional.empty(), Optional.empty());
    }
}
