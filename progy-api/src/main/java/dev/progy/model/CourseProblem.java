package dev.progy.model;

/**
 * One thing wrong with a course, precise enough to fix without guessing.
 *
 * @param file     path relative to the course root, with forward slashes (e.g. {@code content/01_basics/info.toml})
 * @param location where in the file: a JSON pointer ({@code /runners/0/type}), {@code line 3}, or empty for the
 *                 file as a whole
 * @param message  what is wrong and what was expected
 */
public record CourseProblem(String file, String location, String message) {

    /** {@code file (location): message}. */
    @Override
    public String toString() {
        return location.isEmpty() ? file + ": " + message : file + " (" + location + "): " + message;
    }
}
