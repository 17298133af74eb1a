package dev.progy.spi;

import java.util.List;
import java.util.function.Consumer;

/**
 * Gives a student a hint for the exercise at hand, and an author advice on a course's instructions. Whatever a
 * model says is advice: nothing an {@code AiProvider} returns decides whether code is safe or a course passes.
 */
public interface AiProvider extends AutoCloseable {

    /** The next hint. */
    Hint hint(HintRequest request);

    /**
     * The next hint, its text handed to {@code onText} piece by piece as the model writes it (a UI shows it as it
     * comes); returns the whole hint once done. Providers that cannot stream hand over the whole text at once.
     * Failures are reported as by {@link #hint(HintRequest)}: an {@link dev.progy.error.AiProviderException} for a model
     * that could not answer.
     */
    default Hint hint(HintRequest request, Consumer<String> onText) {
        Hint hint = hint(request);
        onText.accept(hint.text());
        return hint;
    }

    /**
     * Advice on the clarity of a course's instructions and hints, for its author (the Course Guard shows each as a
     * note). Providers without a model give none.
     */
    default List<ReviewNote> review(ReviewRequest request) {
        return List.of();
    }

    @Override
    default void close() { }
}
