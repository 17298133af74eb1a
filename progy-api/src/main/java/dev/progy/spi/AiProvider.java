package dev.progy.spi;

/** Gives a student a hint for the exercise at hand. */
public interface AiProvider extends AutoCloseable {

    /** The next hint. */
    Hint hint(HintRequest request);

    @Override
    default void close() { }
}
