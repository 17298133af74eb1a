package dev.progy.spi;

import dev.progy.model.Course;
import dev.progy.model.Exercise;
import dev.progy.model.RunnerSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run to make.
 *
 * @param course       the course (its model; {@code course.root()} is the pristine copy)
 * @param exercise     the exercise to run
 * @param runner       which of the course's runners to use
 * @param workspace    the root the runner runs in: a folder laid out like the course root (course.json,
 *                     runner files, the exercises folder) holding the student's files
 * @param timeout      wall-clock limit of the whole run
 * @param extraEnv     extra environment variables for the course's runner (already allowlisted by the caller)
 * @param networkConsent when the student agreed that this course's code may reach the network (recorded in the
 *                     workspace); a runner asking for {@code network_access} gets none without it
 */
public record RunRequest(Course course, Exercise exercise, RunnerSpec runner, Path workspace, Duration timeout,
                         Map<String, String> extraEnv, Optional<Instant> networkConsent) {

    public RunRequest {
        extraEnv = Map.copyOf(extraEnv);
        Objects.requireNonNull(networkConsent, "networkConsent");
    }

    /** A run without consent to network access. */
    public RunRequest(Course course, Exercise exercise, RunnerSpec runner, Path workspace, Duration timeout,
                      Map<String, String> extraEnv) {
        this(course, exercise, runner, workspace, timeout, extraEnv, Optional.empty());
    }

    /** A run of the course's default runner with its own timeout, in {@code workspace}. */
    public static RunRequest of(Course course, Exercise exercise, Path workspace) {
        return new RunRequest(course, exercise, course.defaultRunner(), workspace,
                course.defaultRunner().limits().timeout(), Map.of());
    }

    /** The exercises folder inside the workspace. */
    public Path exercisesDir() {
        return workspace.resolve(course.root().relativize(course.exercisesDir()));
    }

    /** The exercise's folder inside the workspace. */
    public Path exerciseDir() {
        return exercisesDir().resolve(exercise.moduleDir()).resolve(exercise.dirName());
    }
}
