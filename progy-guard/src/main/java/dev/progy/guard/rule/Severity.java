package dev.progy.guard.rule;

/** How bad a finding is: errors fail the course's check, warnings and notes are shown. */
public enum Severity {
    /** Unsafe or broken: the course does not pass. A course cannot silence it. */
    ERROR,
    /** Probably a mistake or a risk worth a look; shown to students where it concerns them. */
    WARNING,
    /** Worth knowing; never fails anything. */
    INFO;

    /** The SARIF {@code level} of this severity. */
    public String sarifLevel() {
        return switch (this) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
