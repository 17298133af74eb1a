package dev.progy.testkit;

import dev.progy.model.Diagnostic;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.AiProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link AiProvider} must do. An adapter's test extends this class and says how to make its
 * provider.
 */
public abstract class AiProviderContract {

    private AiProvider provider;

    /** A ready provider; called once per test. */
    protected abstract AiProvider provider();

    @BeforeEach
    void makeProvider() {
        provider = provider();
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    @DisplayName("a hint is never empty, whatever the student has done so far")
    void hintIsNeverEmpty() {
        List<HintRequest> requests = List.of(
                new HintRequest(exercise(List.of("Use print.")), 0, Optional.empty(), ""),
                new HintRequest(exercise(List.of()), 0, Optional.empty(), ""),
                new HintRequest(exercise(List.of("Use print.")), 1, Optional.of(failedRun()), "print('hi')"),
                new HintRequest(exercise(List.of("Use print.")), 1, Optional.of(passedRun()), "print('hello')"),
                new HintRequest(exercise(List.of()), 0, Optional.of(failedRunWithoutDetails()), ""));

        for (HintRequest request : requests) {
            Hint hint = provider.hint(request);
            assertThat(hint.text()).as("hint for %s", request).isNotBlank();
            assertThat(hint.revealed()).as("revealed for %s", request).isGreaterThanOrEqualTo(request.hintsRevealed());
        }
    }

    @Test
    @DisplayName("asking again moves on to the next hint while the exercise has hints left")
    void hintsProgress() {
        Exercise exercise = exercise(List.of("Read the error.", "Strings need quotes.", "Try print(\"hello\")."));
        List<String> texts = new ArrayList<>();
        int revealed = 0;
        while (revealed < exercise.hints().size()) {
            Hint hint = provider.hint(new HintRequest(exercise, revealed, Optional.of(failedRun()), "print(hello)"));
            assertThat(hint.revealed()).isGreaterThan(revealed);
            texts.add(hint.text());
            revealed = hint.revealed();
        }

        assertThat(texts).doesNotHaveDuplicates();
    }

    /** An exercise with these static hints. */
    protected static Exercise exercise(List<String> hints) {
        return new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "easy",
                List.of(), List.of(), hints, "exercise.py", Optional.empty(), Optional.empty());
    }

    /** A run with a failing test and a compiler error. */
    protected static RunResult failedRun() {
        return run(RunResult.Status.FAIL, "1 of 2 tests failed",
                List.of(new TestOutcome("prints hello", RunResult.Status.PASS, "", "", Optional.empty()),
                        new TestOutcome("greets by name", RunResult.Status.FAIL,
                                "expected 'Hello, Ada' but got 'Hello, world'", "", Optional.empty())),
                List.of(new Diagnostic(Diagnostic.Severity.ERROR, "name 'nme' is not defined", "exercise.py",
                        OptionalInt.of(3), OptionalInt.of(7), "", "print(nme)", "")));
    }

    /** A failed run that said nothing but its exit code. */
    protected static RunResult failedRunWithoutDetails() {
        return run(RunResult.Status.FAIL, "", List.of(), List.of());
    }

    /** A passing run. */
    protected static RunResult passedRun() {
        return run(RunResult.Status.PASS, "all tests passed",
                List.of(new TestOutcome("prints hello", RunResult.Status.PASS, "", "", Optional.empty())), List.of());
    }

    private static RunResult run(RunResult.Status status, String summary, List<TestOutcome> tests,
                                 List<Diagnostic> diagnostics) {
        return new RunResult(status, RunResult.Termination.NORMAL, summary, tests, diagnostics, "", false,
                OptionalInt.of(status == RunResult.Status.PASS ? 0 : 1), OptionalInt.empty(), Duration.ofMillis(40),
                RunResult.Source.EXIT_CODE);
    }
}
