package org.example.progytool;

import dev.progy.Progy;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.RunListener;

import java.nio.file.Path;

/** Runs a course's next exercise, the way a third-party tool embeds Progy. */
public final class NextExercise {

    private NextExercise() { }

    /** Makes (or reuses) a workspace of {@code course} in {@code dir} and runs its next exercise. */
    public static RunResult run(String course, Path dir, ProgressStore store, RunListener listener) {
        try (Progy progy = Progy.builder()                       // host runner, offline hints
                .progressStore(store)                            // our own adapter
                .onDiscoveryProblem(p -> System.err.println("progy: " + p.message()))
                .build()) {
            Workspace ws = progy.init(course, dir);
            Exercise next = progy.nextExercise(ws).orElseThrow().exercise();
            return progy.run(ws, next, listener);
        }
    }

    /** {@code java org.example.progytool.NextExercise <course folder> <workspace folder>} */
    public static void main(String[] args) {
        OutputCounter counter = new OutputCounter();
        RunResult result = run(args[0], Path.of(args[1]), new MemoryProgressStore(), counter);
        System.out.println(result.status() + ": " + result.summary() + " (" + counter.chunks() + " chunks of output)");
    }
}
