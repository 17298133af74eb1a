package dev.progy.cli;

import dev.progy.Workspace;
import dev.progy.guard.leak.LessonLeakGuard;
import dev.progy.model.Exercise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A second check of a lesson that came from the server, on the student's machine: when the workspace keeps the
 * course's solution of the exercise ({@code .progy/solutions/}), the leak guard compares the lesson with it, the
 * student's own files counting as what they already have.
 */
final class LocalLeakCheck {

    private LocalLeakCheck() { }

    /** Whether the lesson gives the solution away; false when the workspace has no solution to compare with. */
    static boolean leaks(Workspace ws, Exercise ex, String lesson, Map<String, String> ownFiles) {
        Map<String, String> solution = solution(ws, ex);
        if (solution.isEmpty()) {
            return false;
        }
        try {
            return LessonLeakGuard.forExercise(solution, ownFiles, Set.of()).check(lesson).leaks();
        } catch (RuntimeException e) {
            return false; // the server's guard has checked it already; this one is a second opinion
        }
    }

    private static Map<String, String> solution(Workspace ws, Exercise ex) {
        Path dir = ws.stateDir().resolve("solutions").resolve(ex.relativeDir());
        Map<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String top = dir.relativize(p).getName(0).toString();
                if (top.equals("solution") || top.startsWith("solution.")) {
                    files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return files;
    }
}
