package dev.progy.internal.course;

import dev.progy.model.CourseProblem;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One problem a test expects: its file, its place, words its message must contain, and its severity. */
record ProblemExpectation(String file, String location, List<String> words, CourseProblem.Severity severity) {

    /** An error: the course cannot run. */
    static ProblemExpectation problem(String file, String location, String... words) {
        return new ProblemExpectation(file, location, List.of(words), CourseProblem.Severity.ERROR);
    }

    /** A warning: the course runs, as the original's did. */
    static ProblemExpectation warning(String file, String location, String... words) {
        return new ProblemExpectation(file, location, List.of(words), CourseProblem.Severity.WARNING);
    }

    boolean matches(CourseProblem p) {
        return p.file().equals(file) && p.location().equals(location) && words.stream().allMatch(p.message()::contains)
                && p.severity() == severity;
    }

    /** Asserts that {@code actual} holds exactly the expected problems, in any order. */
    static void assertExactly(List<CourseProblem> actual, ProblemExpectation... expected) {
        List<CourseProblem> left = new ArrayList<>(actual);
        for (ProblemExpectation e : expected) {
            CourseProblem hit = left.stream().filter(e::matches).findFirst().orElse(null);
            if (hit == null) {
                fail("expected " + (e.severity() == CourseProblem.Severity.ERROR ? "an error" : "a warning") + " in " + e.file() + " at \"" + e.location() + "\" saying " + e.words()
                        + "\nbut the problems were:\n  " + String.join("\n  ", actual.stream().map(Object::toString).toList()));
            }
            left.remove(hit);
        }
        assertThat(left).as("problems nobody expected").isEmpty();
    }
}
