package dev.progy.internal.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the program a course's runner names, the way a shell would but without one: a name with a path
 * separator is a file relative to the working folder; a bare name is looked up on the run's {@code PATH}.
 * Looking it up here, rather than letting the launch fail, gives the student a message that says what to do.
 */
final class CommandLookup {

    static final boolean WINDOWS = File.separatorChar == '\\';

    private CommandLookup() { }

    /** The program to execute, if there is one. On Windows the name is left to the launcher (PATHEXT rules). */
    static Optional<Path> find(String command, Path cwd, String path) {
        if (WINDOWS) {
            return Optional.of(Path.of(command));
        }
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.indexOf('/') >= 0) {
            Path file = cwd.resolve(command);
            return runnable(file) ? Optional.of(file) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            // an empty PATH entry means the current folder, as in POSIX shells
            Path file = (dir.isEmpty() ? cwd : cwd.resolve(dir)).resolve(command);
            if (runnable(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** Why {@link #find} found nothing, for the student. */
    static String whyNotFound(String command, Path cwd) {
        if (command.isEmpty()) {
            return "the course's runner has an empty command; its author must set \"command\" in course.json";
        }
        if (command.indexOf('/') < 0) {
            return command + ": command not found on PATH; install it (or add its folder to PATH), "
                    + "then run again";
        }
        Path file = cwd.resolve(command);
        if (Files.isDirectory(file)) {
            return command + " is a folder, not a program; check the course's runner command";
        }
        if (Files.isRegularFile(file)) {
            return command + " is not executable; make it executable (chmod +x " + command
                    + ") or run it through its interpreter (e.g. sh " + command + ")";
        }
        return command + ": no such file in the workspace (looked for " + file
                + "); check the course's runner command";
    }

    private static boolean runnable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
