package dev.progy.internal.course;

import dev.progy.CourseInvalidException;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.CourseProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a course folder into a {@link Course}, or reports everything wrong with it at once.
 *
 * <p>Reading never stops at the first problem: course.json, every module's info.toml, every exercise folder and
 * every quiz are checked, and every problem is named by file and place.
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
        if (!reading.problems().isEmpty() || reading.course().isEmpty()) {
            throw new CourseInvalidException(reading.root().toString(), reading.problems());
        }
        return reading.course().get();
    }

    /** Every problem of the course at {@code courseRoot}; an empty list means it is valid. */
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
            PrerequisiteLinks.check(reader.declaredPrerequisites(), modules, problems);
        } else if (header.isEmpty()) {
            problems.add(exercisesFolder, "", "not found: the exercises folder holds the course's modules");
        }
        if (header.isEmpty() || exercisesDir.isEmpty() || header.get().runners().isEmpty()) {
            return new Reading(root, Optional.empty(), problems.list());
        }
        CourseJsonReader.Header h = header.get();
        Course course = new Course(h.id(), h.name(), h.version(), h.description(), root, exercisesDir.get(),
                h.runners(), h.progression(), h.setup(), modules);
        return new Reading(root, Optional.of(course), problems.list());
    }
}
