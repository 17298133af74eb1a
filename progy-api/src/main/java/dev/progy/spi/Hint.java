package dev.progy.spi;

/**
 * A hint for the student.
 *
 * @param text     Markdown text
 * @param kind     where it came from
 * @param revealed static hints revealed after this one (what the caller records)
 */
public record Hint(String text, Kind kind, int revealed) {

    /** Where a hint came from. */
    public enum Kind {
        /** One of the exercise's own hints. */
        STATIC,
        /** Points at the failing test and its diagnostics. */
        FAILING_TEST,
        /** Nothing more to say offline. */
        NONE,
        /** From an AI model. */
        AI
    }
}
