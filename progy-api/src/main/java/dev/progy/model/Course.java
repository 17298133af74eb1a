package dev.progy.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded course: its metadata from {@code course.json}, its runners and its modules of exercises.
 *
 * @param id            course id ({@code sql-basics} or {@code @scope/slug}); the folder name when absent
 * @param name          display name ({@code title} accepted as an alias in course.json)
 * @param version       semver, {@code 1.0.0} by default
 * @param description   may be empty
 * @param root          absolute path of the course root (the folder holding course.json)
 * @param exercisesDir  absolute path of the folder of modules: {@code content.exercises}, relative to the course
 *                      root as the original resolved it (not to {@code content.root})
 * @param runners       at least one; the first is the default
 * @param progression   how exercises unlock
 * @param setup         environment checks and setup guide
 * @param modules       in order
 * @param warnings      what is wrong with the course without stopping it from running (stale info.toml entries,
 *                      prerequisites that can never be met, unknown keys), as found when it was read; never errors
 */
public record Course(
        String id,
        String name,
        String version,
        String description,
        Path root,
        Path exercisesDir,
        List<RunnerSpec> runners,
        Progression progression,
        Setup setup,
        List<CourseModule> modules,
        List<CourseProblem> warnings) {

    /**
     * Names left out of a course wherever they appear (build output, dependencies, version control, Progy's own
     * state): the original Progy's list plus {@code .progy}. Whatever packs, ships, hashes or reads a course (its
     * archive, a container image's build context, a checker) leaves out the same.
     */
    public static final Set<String> EXCLUDED_NAMES =
            Set.of("target", "node_modules", ".git", ".DS_Store", ".next", "dist", ".progy");

    public Course {
        runners = List.copyOf(runners);
        modules = List.copyOf(modules);
        warnings = List.copyOf(warnings);
    }

    /** A course with nothing to warn about. */
    public Course(String id, String name, String version, String description, Path root, Path exercisesDir,
                  List<RunnerSpec> runners, Progression progression, Setup setup, List<CourseModule> modules) {
        this(id, name, version, description, root, exercisesDir, runners, progression, setup, modules, List.of());
    }

    /** The default runner: the first one listed. */
    public RunnerSpec defaultRunner() {
        return runners.get(0);
    }

    /** The runner with this id, if the course has one. */
    public Optional<RunnerSpec> runner(String runnerId) {
        return runners.stream().filter(r -> r.id().equals(runnerId)).findFirst();
    }

    /** Every exercise of every module, in course order. */
    public List<Exercise> exercises() {
        return modules.stream().flatMap(m -> m.exercises().stream()).toList();
    }

    /** The exercise with this id ({@code 01_basics/01_hello}), if any. */
    public Optional<Exercise> exercise(String exerciseId) {
        return exercises().stream().filter(e -> e.id().equals(exerciseId)).findFirst();
    }

    /** The module whose folder is {@code dirName}, if any. */
    public Optional<CourseModule> module(String dirName) {
        return modules.stream().filter(m -> m.dirName().equals(dirName)).findFirst();
    }
}
