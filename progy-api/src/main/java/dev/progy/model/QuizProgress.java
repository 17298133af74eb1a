package dev.progy.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A student's record of one quiz.
 *
 * @param passed         true once any attempt reached the pass mark
 * @param score          latest score, 0–100
 * @param bestScore      best score so far
 * @param totalQuestions questions in the quiz
 * @param attempts       attempts so far
 * @param xpEarned       {@code floor(score/5)+5} of the first passing attempt
 * @param completedAt    when it was first passed
 */
public record QuizProgress(boolean passed, int score, int bestScore, int totalQuestions, int attempts,
                           int xpEarned, Optional<Instant> completedAt) { }
