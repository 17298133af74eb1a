package dev.progy.guard.leak;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Leak guard")
class LessonLeakGuardTest {

    private static final String STARTER = """
            def total(numbers):
                \"\"\"The sum of the numbers.\"\"\"
                # TODO: add them up
                return 0
            """;
    private static final String SOLUTION = """
            def total(numbers):
                \"\"\"The sum of the numbers.\"\"\"
                result = 0
                for number in numbers:
                    if number > 0:
                        result += number * 2
                return result
            """;

    private final LessonLeakGuard guard = LessonLeakGuard.forExercise(Map.of("exercise.py", SOLUTION),
            Map.of("exercise.py", STARTER), Set.of("total"));

    @Test
    @DisplayName("a lesson with the solution's loop, names changed and comments added, leaks")
    void renamedCopy() {
        LeakVerdict v = guard.check("""
                # Adding up

                ```python
                acc = 0  # start empty
                for n in values:
                    if n > 0:
                        acc += n * 2
                ```
                """);

        assertThat(v.leaks()).isTrue();
        assertThat(v.reason()).isIn(LeakVerdict.Reason.FINGERPRINTS, LeakVerdict.Reason.LONG_RUN);
        assertThat(v.explanation()).contains("solution");
    }

    @Test
    @DisplayName("a lesson that writes the exercise's own function another way leaks")
    void ownFunction() {
        LeakVerdict v = guard.check("""
                Try this:

                ```python
                def total(numbers):
                    return sum(2 * n for n in numbers if n > 0)
                ```
                """);

        assertThat(v.reason()).isEqualTo(LeakVerdict.Reason.OWN_FUNCTION);
        assertThat(v.explanation()).contains("`total`");
    }

    @Test
    @DisplayName("quoting the student's own starter, a stub, and calls with expected values is not a leak")
    void starterStubAndCalls() {
        LeakVerdict v = guard.check("""
                Your code today:

                ```python
                def total(numbers):
                    # TODO: add them up
                    return 0
                ```

                Keep the shape `def total(numbers): ...` and check that `total([1, -2, 3])` gives `8`.
                """);

        assertThat(v.leaks()).as(v.explanation()).isFalse();
        assertThat(v.reason()).isEqualTo(LeakVerdict.Reason.NONE);
    }

    @Test
    @DisplayName("the same idea on a different problem is not a leak")
    void differentProblem() {
        LeakVerdict v = guard.check("""
                A running result on another problem, the longest word:

                ```python
                longest = ""
                for word in words:
                    if len(word) > len(longest):
                        longest = word
                ```
                """);

        assertThat(v.leaks()).as(v.explanation()).isFalse();
    }

    @Test
    @DisplayName("the solution's lines written into the prose, without a code fence, leak")
    void unfencedLines() {
        LeakVerdict v = guard.check("""
                Here is what to write:

                result = 0
                for number in numbers:
                    if number > 0:
                        result += number * 2

                Then return it.
                """);

        assertThat(v.leaks()).isTrue();
    }
}
