package dev.progy.error;

/**
 * A path that would let a course or a value reach outside where it belongs: a placeholder value with
 * {@code ..}, a mount of a system folder, a link out of the workspace.
 */
public class UnsafePathException extends ProgyException {
    public UnsafePathException(String message) {
        super(message, "this is refused whatever the course says; if the course needs it, ask its author to fix it");
    }
}
