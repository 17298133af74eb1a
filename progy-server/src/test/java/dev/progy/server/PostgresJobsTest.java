package dev.progy.server;

import dev.progy.sync.hub.HubJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Durable jobs run by two server instances on one PostgreSQL. */
@DisplayName("Jobs shared by instances on one PostgreSQL")
class PostgresJobsTest {

    private String database;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        TestDatabases.drop(database);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("every job runs exactly once, never on both instances at once, though each runs past its lease")
    void neverTwiceAtOnce() throws Exception {
        database = TestDatabases.postgres();
        Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        Set<Long> overlapped = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
        List<ProgyServer> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProgyServer server = TestServers.start(database, "job-lease", "1", "job-workers", "2");
            open.add(server);
            servers.add(server);
            String name = "instance-" + i;
            server.jobs().register("test.shared", job -> {
                byInstance.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                runs.computeIfAbsent(job.id(), n -> new AtomicInteger()).incrementAndGet();
                if (inFlight.computeIfAbsent(job.id(), n -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlapped.add(job.id());
                }
                try {
                    Thread.sleep(2500); // two and a half leases: only renewals keep the other instance off it
                } finally {
                    inFlight.get(job.id()).decrementAndGet();
                }
            });
        }
        List<Long> ids = new ArrayList<>();
        for (int j = 0; j < 12; j++) {
            ids.add(servers.get(j % 2).jobs().enqueue("test.shared", "{}", "job-" + j).id());
        }
        HubJobs store = servers.get(0).hub().jobs();
        // The servers' own scheduled jobs (roll-ups, retention) share the table: count only this test's jobs.
        Eventually.await("all 12 jobs to be done", Duration.ofMinutes(2),
                () -> ids.stream().allMatch(id -> HubJobs.DONE.equals(store.job(id).orElseThrow().state())));

        assertThat(overlapped).as("jobs run by two at once").isEmpty();
        for (long id : ids) {
            assertThat(runs.get(id)).as("runs of job %s", id).hasValue(1);
            assertThat(store.job(id).orElseThrow().attempts()).isEqualTo(1);
        }
        assertThat(byInstance.keySet()).as("both instances took jobs").containsExactlyInAnyOrder("instance-0", "instance-1");
    }
}
