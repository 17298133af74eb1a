package dev.progy.server.jobs;

/**
 * Does one kind of job. It may be run again after a crash or a failed attempt, so it should be safe to repeat
 * (idempotent); it is never run by two instances at once while the instance running it is alive. A thrown
 * exception is a failed attempt: its message is kept for administrators, and the job is retried later until its
 * attempts are spent.
 */
@FunctionalInterface
public interface JobHandler {
    void run(Job job) throws Exception;
}
