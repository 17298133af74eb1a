package dev.progy.internal.course;

import dev.progy.model.CourseProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while reading a course, each named by a file relative to the course root. */
final class Problems {

    private final Path root;
    private final boolean schemaChecks;
    private final List<CourseProblem> found = new ArrayList<>();

    Problems(Path root) {
        this(root, true);
    }

    /** @param schemaChecks false for a course Progy already checked when it installed it */
    Problems(Path root, boolean schemaChecks) {
        this.root = root;
        this.schemaChecks = schemaChecks;
    }

    /** Whether JSON files are checked against their schemas. */
    boolean schemaChecks() {
        return schemaChecks;
    }

    /** The course root every reported file is relative to. */
    Path root() {
        return root;
    }

    void add(Path file, String location, String message) {
        found.add(new CourseProblem(relative(file), location, message));
    }

    void add(String relativeFile, String location, String message) {
        found.add(new CourseProblem(relativeFile, location, message));
    }

    /** A problem the course runs despite: the original Progy tolerated it (see {@link CourseProblem.Severity}). */
    void warn(Path file, String location, String message) {
        found.add(new CourseProblem(relative(file), location, message, CourseProblem.Severity.WARNING));
    }

    void warn(String relativeFile, String location, String message) {
        found.add(new CourseProblem(relativeFile, location, message, CourseProblem.Severity.WARNING));
    }

    /** Whether an error (not only warnings) was found so far. */
    boolean hasErrors() {
        return found.stream().anyMatch(CourseProblem::isError);
    }

    /** {@code file} relative to the course root, with forward slashes whatever the platform. */
    String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        return rel.replace('\\', '/');
    }

    List<CourseProblem> list() {
        return List.copyOf(found);
    }
}
