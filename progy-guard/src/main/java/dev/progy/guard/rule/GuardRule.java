package dev.progy.guard.rule;

/**
 * One check of the Guard, as {@code progy guard --rules} lists it.
 *
 * @param id        stable id, e.g. {@code PG-D001}; never reused for another check
 * @param severity  the severity of its findings
 * @param title     what it finds, in a few words
 * @param rationale why it matters for a student running a stranger's course
 */
public record GuardRule(String id, Severity severity, String title, String rationale) { }
