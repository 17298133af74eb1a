package dev.progy.error;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error Progy reports. Its message is written for the user: it says what is wrong and,
 * through {@link #fixHint()}, what to do. Subclasses mark the cases a caller can act on.
 */
public class ProgyException extends RuntimeException {

    private final String fixHint;

    public ProgyException(String message) {
        this(message, "", null);
    }

    public ProgyException(String message, @Nullable String fixHint) {
        this(message, fixHint, null);
    }

    public ProgyException(String message, @Nullable String fixHint, @Nullable Throwable cause) {
        super(message, cause);
        this.fixHint = fixHint == null ? "" : fixHint;
    }

    /** What the user can do about it; empty when there is nothing to add. */
    public String fixHint() {
        return fixHint;
    }
}
