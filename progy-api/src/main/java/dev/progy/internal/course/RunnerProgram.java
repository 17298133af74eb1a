package dev.progy.internal.course;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one rule for the program a course's process runner starts, applied alike when a course is validated (and so by
 * {@code validate}, {@code guard}, {@code init} and {@code pack}) and when the host runner starts it: the program is
 * a bare name found on {@code PATH} ({@code python3}), or a file inside the course ({@code runner/check.sh}). An
 * absolute path or one that climbs out of the course with {@code ..} would run whatever that machine holds there.
 */
public final class RunnerProgram {

    private RunnerProgram() { }

    /**
     * Why {@code command} may not be started, or empty when it may.
     *
     * @param root the course root (or the workspace root, which mirrors it)
     * @param cwd  the folder a relative command is resolved against (the runner's working folder)
     */
    public static Optional<String> whyRefused(String command, Path root, Path cwd) {
        if (command.indexOf('/') < 0 && command.indexOf('\\') < 0) {
            return Optional.empty(); // a bare name, looked up on PATH
        }
        Path normalRoot = root.toAbsolutePath().normalize();
        boolean absolute = command.startsWith("/") || command.startsWith("\\") || isAbsolute(command);
        try {
            Path program = cwd.toAbsolutePath().resolve(command).normalize();
            if (program.startsWith(normalRoot)) {
                return Optional.empty();
            }
        } catch (InvalidPathException e) {
            // not a path this system can resolve: refused below
        }
        return Optional.of("the runner's command \"" + command + "\" " + (absolute
                ? "is an absolute path outside the course" : "leads outside the course folder")
                + "; a runner's program must be a file inside the course (e.g. \"runner/check.sh\") or a program"
                + " name found on PATH (e.g. \"python3\")");
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
