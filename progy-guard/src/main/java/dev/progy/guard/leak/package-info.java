/**
 * The tutor's code-leak guard: {@link dev.progy.guard.leak.LessonLeakGuard} tells whether a lesson written by a
 * model gives away an exercise's solution, with a {@link dev.progy.guard.leak.LeakVerdict} that says why.
 *
 * <p><b>Why here.</b> It is a check of content against a course's solution, like the Course Guard's publish-time
 * checks, and it needs nothing but the texts: no model, no server, no I/O. progy-guard is where checks of a
 * course's texts live and it already reads Markdown; progy-api stays free of a second idea. The server's tutor job
 * calls the public façade ({@code LessonLeakGuard} and {@code LeakVerdict}); the rest of the package is
 * package-private, so its signals and thresholds can change without touching a caller.
 */
package dev.progy.guard.leak;
