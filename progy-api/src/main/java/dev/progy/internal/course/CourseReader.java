package dev.progy.internal.course;

import dev.progy.error.CourseInvalidException;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.CourseProblem;
import dev.progy.model.Exercise;
import dev.progy.model.Prerequisite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a course folder into a {@link Course}, or reports everything wrong with it at once.
 *
 * <p>Reading never stops at the first problem: course.json, every module's info.toml, every exercise folder and
 * every quiz are checked, and every problem is named by file and place. Problems are errors (the course cannot run)
 * or warnings (what the original Progy tolerated: the course loads and carries them in {@link Course#warnings()}).
 * These are the rules of every command: {@code validate}, {@code guard}, {@code init}, {@code pack} and {@code run}
 * all judge a course by them.
 */
public final class CourseReader {

    private CourseReader() {
    }

    /**
     * Reads the course at {@code courseRoot}.
     *
     * @throws CourseInvalidException listing every problem found, when there is at least one
     */
    public static Course read(Path courseRoot) {
        return read(courseRoot, true);
    }

    /**
     * Reads a course that Progy installed itself (a workspace's pristine copy), which was fully checked when it was
     * installed: the JSON Schema checks, the costliest part of reading at start-up, are skipped; everything else is
     * read and checked as usual.
     */
    public static Course readInstalled(Path courseRoot) {
        return read(courseRoot, false);
    }

    private static Course read(Path courseRoot, boolean schemaChecks) {
        Reading reading = load(courseRoot, schemaChecks);
        if (reading.problems().stream().anyMatch(CourseProblem::isError) || reading.course().isEmpty()) {
            throw new CourseInvalidException(reading.root().toString(), reading.problems());
        }
        return reading.course().get();
    }

    /**
     * Every problem of the course at {@code courseRoot}, errors and warnings ({@link CourseProblem#severity()}); an
     * empty list means it is valid and clean. The course loads when none is an error.
     */
    public static List<CourseProblem> validate(Path courseRoot) {
        return load(courseRoot, true).problems();
    }

    private record Reading(Path root, Optional<Course> course, List<CourseProblem> problems) { }

    private static Reading load(Path courseRoot, boolean schemaChecks) {
        Path root = courseRoot.toAbsolutePath().normalize();
        Problems problems = new Problems(root, schemaChecks);
        if (!Files.isDirectory(root)) {
            problems.add(".", "", "no course folder at " + root + ": give the folder that holds course.json");
            return new Reading(root, Optional.empty(), problems.list());
        }
        Optional<CourseJsonReader.Header> header = CourseJsonReader.read(root, problems);
        // keep going without a usable course.json: the modules have problems of their own worth reporting
        String exercisesFolder = header.map(CourseJsonReader.Header::exercisesFolder).orElse("content");
        Optional<Path> exercisesDir = RunnerChecks.inside(root, exercisesFolder).filter(Files::isDirectory);
        List<CourseModule> modules = List.of();
        if (exercisesDir.isPresent()) {
            ModuleReader reader = new ModuleReader(problems);
            modules = reader.readAll(exercisesDir.get());
            Set<PrerequisiteLinks.Declared> dead = PrerequisiteLinks.check(reader.declaredPrerequisites(), modules,
                    problems);
            modules = withoutDead(modules, dead);
            if (!modules.isEmpty() && modules.stream().allMatch(m -> m.exercises().isEmpty())) {
                problems.add(exercisesDir.get(), "", "holds no exercise: a course needs at least one exercise, a"
                        + " folder such as 01_basics/01_hello with an exercise.<ext> and a README.md");
            }
        } else if (header.isEmpty()) {
            problems.add(exercisesFolder, "", "not found: the exercises folder holds the course's modules");
        }
        if (schemaChecks) {
            // what packing and installing refuse is an error here too, so every command judges alike
            CourseLinks.check(root, problems);
        }
        if (header.isEmpty() || exercisesDir.isEmpty() || header.get().runners().isEmpty()) {
            return new Reading(root, Optional.empty(), problems.list());
        }
        CourseJsonReader.Header h = header.get();
        List<CourseProblem> all = problems.list();
        Course course = new Course(h.id(), h.name(), h.version(), h.description(), root, exercisesDir.get(),
                h.runners(), h.progression(), h.setup(), modules,
                all.stream().filter(p -> !p.isError()).toList());
        return new Reading(root, Optional.of(course), all);
    }

    /** The modules with the prerequisites that can never be met left out (each was warned of). */
    private static List<CourseModule> withoutDead(List<CourseModule> modules, Set<PrerequisiteLinks.Declared> dead) {
        if (dead.isEmpty()) {
            return modules;
        }
        List<CourseModule> out = new ArrayList<>();
        for (CourseModule m : modules) {
            List<Exercise> exercises = new ArrayList<>();
            for (Exercise e : m.exercises()) {
                List<Prerequisite> kept = keep(e.prerequisites(), e.id(), dead);
                exercises.add(kept.size() == e.prerequisites().size() ? e : new Exercise(e.id(), e.moduleDir(),
                        e.dirName(), e.title(), e.xp(), e.difficulty(), e.tags(), kept, e.hints(), e.entryFile(),
                        e.solution(), e.quiz(), e.limits()));
            }
            out.add(new CourseModule(m.dirName(), m.title(), m.icon(), m.completionMessage(),
                    keep(m.prerequisites(), m.dirName(), dead), exercises));
        }
        return out;
    }

    private static List<Prerequisite> keep(List<Prerequisite> prerequisites, String owner,
                                           Set<PrerequisiteLinks.Declared> dead) {
        Set<Prerequisite> drop = new HashSet<>();
        dead.stream().filter(d -> d.owner().equals(owner)).forEach(d -> drop.add(d.prerequisite()));
        return prerequisites.stream().filter(p -> !drop.contains(p)).toList();
    }
}
