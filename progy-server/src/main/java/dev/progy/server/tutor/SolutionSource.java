package dev.progy.server.tutor;

import java.util.Map;

/** Where the tutor finds an exercise's solution files: the registry's published archive of the course. */
@FunctionalInterface
public interface SolutionSource {

    /** No solutions known: the leak guard checks lessons against the exercise's own names only. */
    SolutionSource NONE = (course, version, exercise) -> Map.of();

    /** The solution files (name to content) of {@code exercise} ({@code module/exercise}); empty when not known. */
    Map<String, String> solution(String course, String version, String exercise);
}
