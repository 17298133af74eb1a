package dev.progy.error;

/** Something Progy runs outside a student's exercise (an image build, a setup check) ran out of memory. */
public class MemoryLimitException extends ProgyException {
    public MemoryLimitException(String message, String fixHint) {
        super(message, fixHint);
    }
}
