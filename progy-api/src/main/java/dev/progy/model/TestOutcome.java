package dev.progy.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one test of a run.
 *
 * @param name     test name
 * @param status   pass, fail or error
 * @param message  why it failed; may be empty
 * @param output   what the test printed; may be empty
 * @param duration if the runner reported it
 */
public record TestOutcome(String name, RunResult.Status status, String message, String output,
                          Optional<Duration> duration) { }
