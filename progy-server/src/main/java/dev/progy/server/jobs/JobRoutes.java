package dev.progy.server.jobs;

import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubJobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/jobs} (scope {@code admin}, role {@code admin}): how many jobs are in each state on the
 * database, then the jobs not done (queued, running, failed; newest first) and the latest done, each with its
 * kind, key, state, attempts, when it runs next, which instance runs it and until when, and its last error.
 * Payloads are not shown: they may hold a student's work.
 */
public final class JobRoutes {

    public static final String JOBS = "/api/v1/admin/jobs";
    /** Jobs listed of each group (not done; done). */
    private static final int LISTED = 200;

    private JobRoutes() { }

    public static List<Route> routes(HubJobs store) {
        return List.of(Route.get(JOBS, Access.scope("admin").role("admin"), x -> {
            Map<String, Long> counts = store.counts();
            List<HubJobs.Job> jobs = store.recent(LISTED);
            return Reply.json(200, HttpServer.json(g -> {
                g.writeObjectFieldStart("counts");
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("jobs");
                for (HubJobs.Job j : jobs) {
                    g.writeStartObject();
                    g.writeStringField("id", Long.toString(j.id()));
                    g.writeStringField("kind", j.kind());
                    g.writeStringField("key", j.key());
                    g.writeStringField("state", j.state());
                    g.writeNumberField("attempts", j.attempts());
                    g.writeNumberField("max_attempts", j.maxAttempts());
                    g.writeStringField("created", time(j.createdMs()));
                    if (j.state().equals(HubJobs.QUEUED)) {
                        g.writeStringField("runs_at", time(j.runAtMs()));
                    }
                    if (j.state().equals(HubJobs.RUNNING)) {
                        write(g, "owner", j.owner());
                        write(g, "lease_until", j.leaseMs().map(JobRoutes::time));
                    }
                    write(g, "finished", j.finishedMs().map(JobRoutes::time));
                    write(g, "last_error", j.lastError());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }));
        }));
    }

    private static void write(com.fasterxml.jackson.core.JsonGenerator g, String field, Optional<String> value)
            throws java.io.IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        }
    }

    private static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
