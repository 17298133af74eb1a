package dev.progy.server;

import dev.progy.internal.progress.ProgressLedger;
import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.progress.ProgressSync;
import dev.progy.sync.progress.SqliteProgressStoreProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One device of a student: a workspace's progress database, and sync with a server, as the CLI does them. */
final class Student {

    static final String COURSE = "@test/sync-course";
    static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    final Path progy;
    private final ProviderConfig config;

    Student(Path workspace, String server, String token) {
        this(workspace, server, token, Duration.ofSeconds(10));
    }

    Student(Path workspace, String server, String token, Duration timeout) {
        this.progy = workspace.resolve(".progy");
        this.config = ProviderConfig.of(Map.of(ProgressSync.SERVER_KEY, server, ProgressSync.TOKEN_KEY, token,
                ProgressSync.TIMEOUT_KEY, String.valueOf(timeout.toMillis() / 1000.0)));
    }

    /** Runs an exercise once, recording the result as {@code progy run} does. */
    CourseProgress run(String exerciseId, boolean pass) {
        try (ProgressStore store = SqliteProgressStoreProvider.at(progy)) {
            return store.update(COURSE, p -> record(p, exerciseId, pass));
        }
    }

    ProgressSync.SyncReport sync() {
        try (ProgressSync sync = ProgressSync.open(progy, config)) {
            return sync.sync();
        }
    }

    CourseProgress progress() {
        try (ProgressStore store = SqliteProgressStoreProvider.at(progy)) {
            return store.load(COURSE);
        }
    }

    static CourseProgress record(CourseProgress p, String exerciseId, boolean pass) {
        RunResult result = new RunResult(pass ? RunResult.Status.PASS : RunResult.Status.FAIL,
                RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false, OptionalInt.of(pass ? 0 : 1),
                OptionalInt.empty(), Duration.ZERO, RunResult.Source.EXIT_CODE);
        String[] parts = exerciseId.split("/");
        Exercise exercise = new Exercise(exerciseId, parts[0], parts[1], exerciseId, Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.py", Optional.empty(), Optional.empty());
        return ProgressLedger.recordRun(p, exercise, result, MONDAY);
    }
}
