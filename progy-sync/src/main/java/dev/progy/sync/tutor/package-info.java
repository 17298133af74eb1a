/**
 * The student's side of the AI tutor (issue 15): the history of an exercise's failing runs kept in the workspace
 * ({@link dev.progy.sync.tutor.FailureHistory}), the request a lesson is asked with — only the exercise's own files,
 * capped, redacted by the caller, with the diffs between attempts ({@link dev.progy.sync.tutor.LessonRequest}) —,
 * the client of the server's tutor and AI-key routes ({@link dev.progy.sync.tutor.TutorClient}), and the lessons
 * received, kept in the workspace to be read again ({@link dev.progy.sync.tutor.LessonStore}).
 */
package dev.progy.sync.tutor;
