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

    /**
     * The question {@code progy run} asks in the terminal before the first run when the course's runner wants the
     * network and no answer is recorded (its lines: a warning, what the code could reach, the question); else empty.
     */
    default Optional<List<String>> networkQuestion() {
        return Optional.empty();
    }

    /** Records the answer to {@link #networkQuestion} as {@code progy run} does; the line saying what was recorded. */
    default String answerNetwork(boolean allow) {
        return "";
    }

    /** The tutor's offer, as {@code progy run} prints it after a run, when the failure history says one is due. */
    default Optional<String> tutorOffer(Exercise exercise) {
        return Optional.empty();
    }

    /** Asks the tutor for a lesson, as {@code progy tutor} does (without printing). */
    default TutorReply askTutor(Exercise exercise) {
        return new TutorReply(null, "No lesson: the tutor is not available here.", "", "");
    }

    /** The lessons received for the exercise, newest first, as {@code progy tutor --past <exercise>} lists them. */
    default List<Lesson> pastLessons(Exercise exercise) {
        return List.of();
    }

    /** Rates a lesson as {@code progy tutor rate} does; the line that thanks (its error is a ProgyException). */
    default String rateLesson(String lessonId, String stars) {
        return "";
    }

    /**
     * A tutor's lesson: {@code when} as {@code progy tutor} shows it (UTC), {@code rating} 0 when not rated,
     * {@code courseHint} when the course's hint replaced a lesson that came too close to the solution.
     */
    record Lesson(String id, String exercise, String test, String when, String misconception, String markdown,
                  boolean courseHint, int rating) { }

    /**
     * What asking the tutor gave: a lesson, or (lesson null) the one line saying why none came and the course's next
     * hint that came instead, with the label {@code progy hint} gives it.
     */
    record TutorReply(Lesson lesson, String reason, String hintLabel, String hintMarkdown) { }
}
