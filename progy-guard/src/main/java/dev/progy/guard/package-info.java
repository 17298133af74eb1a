/**
 * Course Guard: publish-time checks of a course. {@link dev.progy.guard.Guard#check} gives a
 * {@link dev.progy.guard.GuardReport} of {@link dev.progy.guard.Finding}s by {@link dev.progy.guard.GuardRules};
 * {@link dev.progy.guard.JsonReport} and {@link dev.progy.guard.SarifReport} write it for programs.
 */
package dev.progy.guard;
