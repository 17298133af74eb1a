package dev.progy.model;

/**
 * How one of a course's environment checks ({@code setup.checks} in course.json) went on this machine.
 *
 * @param check  the check
 * @param passed whether its command exited 0
 * @param detail why it failed (the command's last lines of output, or why it could not start); empty on a pass
 */
public record SetupCheckResult(Setup.Check check, boolean passed, String detail) { }
