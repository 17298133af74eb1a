package dev.progy.error;

/** A thing the user named does not exist: an exercise, a course in a registry, a workspace. */
public class NotFoundException extends ProgyException {
    public NotFoundException(String message, String fixHint) {
        super(message, fixHint);
    }
}
