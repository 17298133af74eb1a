package dev.progy.spi;

import dev.progy.model.Exercise;
import dev.progy.model.RunResult;

import java.util.Optional;

/**
 * What a hint is asked about.
 *
 * @param exercise      the exercise
 * @param hintsRevealed how many of the exercise's static hints the student has already seen
 * @param lastRun       the latest run, if any
 * @param studentCode   the current content of the entry file (may be empty)
 */
public record HintRequest(Exercise exercise, int hintsRevealed, Optional<RunResult> lastRun, String studentCode) { }
