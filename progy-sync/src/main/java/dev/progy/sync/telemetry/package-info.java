/**
 * Anonymous, opt-in telemetry of a workspace (issue 16): the student's answer, a random installation id, the events
 * of runs, hints and quizzes queued in {@code .progy/telemetry/}, and their batched sending to
 * {@code POST /api/v1/telemetry}. Nothing here knows the account, the machine or the student's code and paths.
 */
package dev.progy.sync.telemetry;
