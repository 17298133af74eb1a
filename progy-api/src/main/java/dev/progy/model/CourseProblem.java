package dev.progy.model;

/**
 * One thing wrong with a course, precise enough to fix without guessing.
 *
 * <p>An {@link Severity#ERROR error} means the course cannot run (no course.json, no runner, a file that cannot be
 * read or is not valid, no exercise at all, a name or path that would be refused at run time); a
 * {@link Severity#WARNING warning} is something the original Progy tolerated and so does Progy (an info.toml entry
 * naming a folder that is gone, a prerequisite that can never be met, an unknown key): the course loads, the
 * warnings travel with it ({@link Course#warnings()}), and only {@code progy validate --strict} and the Course Guard
 * refuse them.
 *
 * @param file     path relative to the course root, with forward slashes (e.g. {@code content/01_basics/info.toml})
 * @param location where in the file: a JSON pointer ({@code /runners/0/type}), {@code line 3}, or empty for the
 *                 file as a whole
 * @param message  what is wrong and what was expected
 * @param severity whether the course can run despite it
 */
public record CourseProblem(String file, String location, String message, Severity severity) {

    /** Whether a course can run despite a problem. */
    public enum Severity {
        /** The course cannot run until it is fixed. */
        ERROR,
        /** The course runs; the author should still fix it. */
        WARNING
    }

    /** An error: the course cannot run until it is fixed. */
    public CourseProblem(String file, String location, String message) {
        this(file, location, message, Severity.ERROR);
    }

    public CourseProblem {
        java.util.Objects.requireNonNull(severity, "severity");
    }

    /** Whether this problem stops the course from loading. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file (location): message}. */
    @Override
    public String toString() {
        return location.isEmpty() ? file + ": " + message : file + " (" + location + "): " + message;
    }
}
