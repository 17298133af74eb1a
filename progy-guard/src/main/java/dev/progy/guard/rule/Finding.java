package dev.progy.guard.rule;

/**
 * Something the Guard found in a course.
 *
 * @param rule     the rule that found it
 * @param file     the course file, relative to the course root with '/' separators (e.g. {@code Dockerfile})
 * @param line     the line in that file, 1-based; 0 when the finding is about the whole file
 * @param message  what is wrong, in a sentence
 * @param fix      what to do about it
 */
public record Finding(GuardRule rule, String file, int line, String message, String fix) {

    /** The finding's severity: its rule's. */
    public Severity severity() {
        return rule.severity();
    }

    /** {@code file:line} or {@code file}. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
