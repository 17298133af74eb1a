/**
 * Course Guard: publish-time checks of a course. {@link dev.progy.guard.Guard#check} gives a
 * {@link dev.progy.guard.GuardReport} of {@link dev.progy.guard.rule.Finding}s by {@link dev.progy.guard.rule.GuardRules};
 * {@link dev.progy.guard.JsonReport} and {@link dev.progy.guard.SarifReport} write it for programs. This package
 * holds the report, the options and the checks of the course as a whole (validity, size and files, solutions, the
 * AI review, silencing); what scripts do is read in {@code dev.progy.guard.scripts}, Markdown and its links in
 * {@code dev.progy.guard.markdown}. Only {@code Guard}, its options and its report are meant for callers; the
 * public classes of the two sub-packages serve {@code Guard}.
 */
package dev.progy.guard;

import dev.progy.guard.rule.Finding;
import dev.progy.guard.rule.GuardRules;
