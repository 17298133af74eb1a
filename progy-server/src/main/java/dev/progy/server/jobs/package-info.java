/**
 * Durable jobs shared by every server instance: work that must survive a crash (a publish pipeline, roll-ups, the
 * tutor), enqueued by a capability with an idempotency key and run by whichever instance claims it first.
 */
package dev.progy.server.jobs;
