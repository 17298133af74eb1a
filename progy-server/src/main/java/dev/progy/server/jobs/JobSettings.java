package dev.progy.server.jobs;

import java.time.Duration;

/**
 * How this instance runs jobs.
 *
 * @param workers jobs run at once by this instance
 * @param lease   how long a claim lasts unless renewed (renewed every third of it); after it, another instance may
 *                take the job over
 * @param poll    how often the instance looks for due jobs when nothing wakes it
 * @param grace   how long running jobs get to finish when the instance stops
 */
public record JobSettings(int workers, Duration lease, Duration poll, Duration grace) { }
