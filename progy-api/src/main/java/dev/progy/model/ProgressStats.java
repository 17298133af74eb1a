package dev.progy.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Totals over a course. Streaks count consecutive UTC days with any activity.
 *
 * @param totalXp        XP from exercises and quizzes
 * @param currentStreak  days in the current streak
 * @param longestStreak  longest streak so far
 * @param lastActiveDate UTC day of the last activity
 * @param exercisesPassed exercises passed at least once
 */
public record ProgressStats(int totalXp, int currentStreak, int longestStreak, Optional<LocalDate> lastActiveDate,
                            int exercisesPassed) {

    /** Nothing done yet. */
    public static final ProgressStats EMPTY = new ProgressStats(0, 0, 0, Optional.empty(), 0);
}
