package dev.progy.spi;

import java.util.List;

/**
 * Gives a student a hint for the exercise at hand, and an author advice on a course's instructions. Whatever a
 * model says is advice: nothing an {@code AiProvider} returns decides whether code is safe or a course passes.
 */
public interface AiProvider extends AutoCloseable {

    /** The next hint. */
    Hint hint(HintRequest request);

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
