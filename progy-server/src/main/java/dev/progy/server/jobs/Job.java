package dev.progy.server.jobs;

/**
 * A job as its handler gets it.
 *
 * @param id      the job's id
 * @param kind    what it is, e.g. {@code registry.publish}
 * @param key     the idempotency key it was enqueued with
 * @param payload what the capability gave to do it, e.g. JSON
 * @param attempt 1 for the first run, 2 for the first retry, …
 */
public record Job(long id, String kind, String key, String payload, int attempt) { }
