package dev.progy.sync.upgrade;

/**
 * What an upgrade does to one file of the workspace.
 *
 * @param path   workspace-relative, with forward slashes
 * @param action what happens to it
 * @param detail for the student, e.g. where a conflict's other version is; may be empty
 */
public record FileChange(String path, Action action, String detail) {

    /** What happens to a file. Files both sides left alone, or changed alike, are not listed. */
    public enum Action {
        /** The student never touched it: it becomes the new version. */
        UPDATE,
        /** New in this version (or one the student had deleted, which the new version still has). */
        ADD,
        /** The student's edits and the course's changes touch different lines: both are kept. */
        MERGE,
        /** The student and the course changed the same lines: both are written with conflict markers to resolve. */
        CONFLICT,
        /** The new version drops it and the student never touched it: it is moved to the upgrade's backup. */
        REMOVE,
        /** The new version drops it but the student changed it: the student's file stays. */
        KEEP
    }
}
