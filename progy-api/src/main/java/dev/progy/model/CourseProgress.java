package dev.progy.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a student has done in one course. Immutable; changes go through
 * {@link dev.progy.spi.ProgressStore#update}.
 *
 * @param courseId     the course
 * @param stats        totals and streaks
 * @param exercises    by exercise id
 * @param quizzes      by exercise id
 * @param achievements ids of achievements earned
 */
public record CourseProgress(String courseId, ProgressStats stats, Map<String, ExerciseProgress> exercises,
                             Map<String, QuizProgress> quizzes, List<String> achievements) {

    public CourseProgress {
        exercises = Map.copyOf(exercises);
        quizzes = Map.copyOf(quizzes);
        achievements = List.copyOf(achievements);
    }

    /** No progress in this course yet. */
    public static CourseProgress empty(String courseId) {
        return new CourseProgress(courseId, ProgressStats.EMPTY, Map.of(), Map.of(), List.of());
    }

    /** The record of an exercise, {@link ExerciseProgress#NEW} when never run. */
    public ExerciseProgress exercise(String exerciseId) {
        return exercises.getOrDefault(exerciseId, ExerciseProgress.NEW);
    }
}
