package dev.progy.cli.ui;

import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code progy ui} asks of the command line around it: the same steps {@code progy run}, {@code hint},
 * {@code quiz}, {@code backup}, {@code sync} and {@code watch} take, so that the pages never do anything a command
 * would not do.
 */
public interface UiHooks {

    /** The runner a run uses (the course's first, or the one chosen with {@code --runner}). */
    RunnerSpec runner();

    /** Why the exercise cannot run here yet (a setup check failed), else empty. */
    default Optional<String> notReady() {
        return Optional.empty();
    }

    /** After a recorded run: the background backup and sync, telemetry, as after {@code progy run}. */
    default void afterRun(Exercise exercise, RunResult result) { }

    /** After a hint was shown. */
    default void afterHint(Exercise exercise) { }

    /** After a quiz was graded. */
    default void afterQuiz(Exercise exercise, int score) { }

    /** The right answer to a question as {@code progy quiz} shows it after a wrong one. */
    default String rightAnswer(dev.progy.model.QuizQuestion question) {
        return "";
    }

    /** A hint's Markdown without its own title line when it repeats {@code label}, as {@code progy hint} prints it. */
    default String hintBody(String markdown, String label) {
        return markdown;
    }

    /** What {@code progy backup --status} prints. */
    default String backupStatus() {
        return "";
    }

    /** What {@code progy backup --now} prints (its message when it fails). */
    default String backUpNow() {
        return "";
    }

    /** Where this workspace syncs, in one line. */
    default String syncStatus() {
        return "";
    }

    /** What {@code progy sync} prints (its message when it fails). */
    default String syncNow() {
        return "";
    }

    /** Watches a folder as {@code progy watch} does; {@code onSave} hears each save. Closing stops it. */
    AutoCloseable watch(Path folder, Runnable onSave) throws java.io.IOException;

    /** The student's editor as an argument list ({@code {file}} and {@code {line}} replaced), empty when none is set. */
    default Optional<List<String>> editor(Path file, int line) {
        return Optional.empty();
    }
}
