package dev.progy.internal.hints;

import dev.progy.model.RunResult;
import dev.progy.model.TestOutcome;
import dev.progy.spi.AiProvider;
import dev.progy.spi.AiProviderProvider;
import dev.progy.spi.Hint;
import dev.progy.spi.HintRequest;
import dev.progy.spi.ProviderConfig;
import dev.progy.testkit.AiProviderContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Offline hints")
class OfflineAiProviderTest extends AiProviderContract {

    private final AiProvider offline = new OfflineAiProviderProvider().create(ProviderConfig.empty());

    @Override
    protected AiProvider provider() {
        return new OfflineAiProviderProvider().create(ProviderConfig.empty());
    }

    @Test
    @DisplayName("reveal the exercise's own hints one at a time, in order")
    void staticHintsInOrder() {
        var exercise = exercise(List.of("Read the error.", "Strings need quotes."));

        Hint first = offline.hint(new HintRequest(exercise, 0, Optional.empty(), ""));
        Hint second = offline.hint(new HintRequest(exercise, 1, Optional.empty(), ""));

        assertThat(first.kind()).isEqualTo(Hint.Kind.STATIC);
        assertThat(first.revealed()).isEqualTo(1);
        assertThat(first.text()).contains("Hint 1 of 2").contains("Read the error.");
        assertThat(second.revealed()).isEqualTo(2);
        assertThat(second.text()).contains("Hint 2 of 2").contains("Strings need quotes.");
    }

    @Test
    @DisplayName("once the hints are used up, point at the first failing test and the first error with its location")
    void pointAtFailureWhenHintsUsedUp() {
        HintRequest request = new HintRequest(exercise(List.of("Read the error.")), 1, Optional.of(failedRun()), "");

        Hint hint = offline.hint(request);

        assertThat(hint.kind()).isEqualTo(Hint.Kind.FAILING_TEST);
        assertThat(hint.revealed()).isEqualTo(1);
        assertThat(hint.text())
                .contains("`greets by name`")
                .contains("expected 'Hello, Ada' but got 'Hello, world'")
                .contains("`exercise.py:3:7`")
                .contains("name 'nme' is not defined")
                .doesNotContain("prints hello");
    }

    @Test
    @DisplayName("explain a run that was stopped by its time limit")
    void pointAtTimeout() {
        RunResult timedOut = new RunResult(RunResult.Status.ERROR, RunResult.Termination.TIMEOUT, "", List.of(),
                List.of(), "", false, OptionalInt.empty(), OptionalInt.empty(), Duration.ofSeconds(20),
                RunResult.Source.LIMIT);

        Hint hint = offline.hint(new HintRequest(exercise(List.of()), 0, Optional.of(timedOut), ""));

        assertThat(hint.kind()).isEqualTo(Hint.Kind.FAILING_TEST);
        assertThat(hint.text()).contains("took too long");
    }

    @Test
    @DisplayName("keep a test message with backticks inside its code block")
    void backticksCannotBreakTheBlock() {
        RunResult run = new RunResult(RunResult.Status.FAIL, RunResult.Termination.NORMAL, "",
                List.of(new TestOutcome("t", RunResult.Status.FAIL, "got ``` instead of x", "", Optional.empty())),
                List.of(), "", false, OptionalInt.of(1), OptionalInt.empty(), Duration.ZERO, RunResult.Source.SRP);

        Hint hint = offline.hint(new HintRequest(exercise(List.of()), 0, Optional.of(run), ""));

        assertThat(hint.text()).contains("````\ngot ``` instead of x\n````");
    }

    @Test
    @DisplayName("say there is nothing more, and suggest the README, when the hints are used up and nothing failed")
    void nothingMore() {
        Hint noRun = offline.hint(new HintRequest(exercise(List.of("a", "b")), 2, Optional.empty(), ""));
        Hint afterPass = offline.hint(new HintRequest(exercise(List.of()), 0, Optional.of(passedRun()), ""));
        Hint vagueFailure = offline.hint(
                new HintRequest(exercise(List.of()), 0, Optional.of(failedRunWithoutDetails()), ""));

        assertThat(noRun.kind()).isEqualTo(Hint.Kind.NONE);
        assertThat(noRun.revealed()).isEqualTo(2);
        assertThat(noRun.text()).contains("all 2 hints").contains("README");
        assertThat(afterPass.kind()).isEqualTo(Hint.Kind.NONE);
        assertThat(afterPass.text()).contains("no hints").contains("passed");
        assertThat(vagueFailure.kind()).isEqualTo(Hint.Kind.NONE);
        assertThat(vagueFailure.text()).contains("README");
    }

    @Test
    @DisplayName("are found by ServiceLoader as 'offline', always available, lowest priority")
    void discoverable() {
        assertThat(ServiceLoader.load(AiProviderProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p.id()).isEqualTo("offline");
                    assertThat(p.priority()).isZero();
                    assertThat(p.availability(ProviderConfig.empty()).usable()).isTrue();
                });
    }
}
