package dev.progy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.progy.error.ProgyException;
import dev.progy.server.account.Role;
import dev.progy.sync.hub.HubJobs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durable jobs on one instance (SQLite): retries, the final failed state, idempotency, the admin view, stopping. */
@DisplayName("Durable jobs")
class JobsTest {

    @TempDir
    Path tmp;

    private static HubJobs.Job job(ProgyServer server, long id) {
        return server.hub().jobs().job(id).orElseThrow();
    }

    @Test
    @DisplayName("a job that fails is retried after a growing delay, and done once an attempt succeeds")
    void retriedUntilDone() {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            List<Long> startedAt = new CopyOnWriteArrayList<>();
            server.jobs().register("test.flaky", 5, Duration.ofMillis(200), job -> {
                startedAt.add(System.nanoTime());
                if (job.attempt() < 3) {
                    throw new IllegalStateException("the mirror did not answer (attempt " + job.attempt() + ")");
                }
            });
            long id = server.jobs().enqueue("test.flaky", "{}", "flaky-1").id();

            Eventually.await("the job to be done", Duration.ofSeconds(30), () -> job(server, id).state().equals("done"));
            HubJobs.Job done = job(server, id);
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.lastError()).hasValue("the mirror did not answer (attempt 2)");
            assertThat(startedAt).hasSize(3);
            long firstGap = startedAt.get(1) - startedAt.get(0);
            long secondGap = startedAt.get(2) - startedAt.get(1);
            assertThat(firstGap).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(secondGap).as("the second retry waits twice as long").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
        }
    }

    @Test
    @DisplayName("a job whose attempts are spent stays failed, with its last error, in the admin's view; only admins see it")
    void failedForGoodAndShown() throws Exception {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            AtomicInteger runs = new AtomicInteger();
            server.jobs().register("test.broken", 2, Duration.ofMillis(50), job -> {
                runs.incrementAndGet();
                throw new IllegalStateException("the course archive is damaged");
            });
            long id = server.jobs().enqueue("test.broken", "{}", "broken-1").id();
            Eventually.await("the job to fail for good", Duration.ofSeconds(30),
                    () -> job(server, id).state().equals("failed"));
            assertThat(runs).hasValue(2);

            server.accounts().create("root");
            server.people().setRole("root", Role.ADMIN);
            String admin = server.accounts().createToken("root", Set.of("admin"), Optional.empty(), "admin");
            server.accounts().create("ada");
            String student = server.accounts().createToken("ada", Set.of("admin"), Optional.empty(), "admin scope");
            assertThat(get(server, student).statusCode()).isEqualTo(403);
            HttpResponse<String> answer = get(server, admin);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(answer.body());
            assertThat(body.path("counts").path("failed").asLong()).isEqualTo(1);
            JsonNode shown = body.path("jobs").get(0);
            assertThat(shown.path("id").asText()).isEqualTo(Long.toString(id));
            assertThat(shown.path("kind").asText()).isEqualTo("test.broken");
            assertThat(shown.path("key").asText()).isEqualTo("broken-1");
            assertThat(shown.path("state").asText()).isEqualTo("failed");
            assertThat(shown.path("attempts").asInt()).isEqualTo(2);
            assertThat(shown.path("last_error").asText()).isEqualTo("the course archive is damaged");
            assertThat(shown.has("payload")).isFalse();
        }
    }

    @Test
    @DisplayName("enqueueing with a key used before queues nothing new: the job runs once")
    void idempotencyKey() {
        try (ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp))) {
            AtomicInteger runs = new AtomicInteger();
            server.jobs().register("test.once", runsOf(runs));
            HubJobs.Enqueued first = server.jobs().enqueue("test.once", "{}", "publish @school/java 1.0.0");
            Eventually.await("the job to be done", Duration.ofSeconds(30),
                    () -> job(server, first.id()).state().equals("done"));
            HubJobs.Enqueued again = server.jobs().enqueue("test.once", "{}", "publish @school/java 1.0.0");

            assertThat(first.created()).isTrue();
            assertThat(again.created()).isFalse();
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(runs).hasValue(1);
            assertThatThrownBy(() -> server.jobs().enqueue("test.unknown", "{}", "k"))
                    .isInstanceOf(ProgyException.class).hasMessage("No handler runs jobs of kind test.unknown.");
        }
    }

    @Test
    @DisplayName("stopping the server lets a running job finish")
    void stoppingFinishesRunningJobs() throws Exception {
        ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp));
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        server.jobs().register("test.slow", job -> {
            started.countDown();
            Thread.sleep(1500); // work in progress while the server is asked to stop
            finished.incrementAndGet();
        });
        long id = server.jobs().enqueue("test.slow", "{}", "slow-1").id();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        server.close();

        assertThat(finished).hasValue(1);
        try (ProgyServer again = TestServers.start(TestDatabases.sqlite(tmp))) {
            assertThat(job(again, id).state()).isEqualTo("done");
        }
    }

    @Test
    @DisplayName("a job still running when the grace period ends is given back, to run again at once")
    void stoppingIsBounded() throws Exception {
        ProgyServer server = TestServers.start(TestDatabases.sqlite(tmp), "shutdown-grace", "1");
        CountDownLatch started = new CountDownLatch(1);
        server.jobs().register("test.endless", job -> {
            started.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        });
        long id = server.jobs().enqueue("test.endless", "{}", "endless-1").id();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        long before = System.nanoTime();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        try (ProgyServer again = TestServers.start(TestDatabases.sqlite(tmp))) {
            HubJobs.Job given = job(again, id);
            assertThat(given.state()).isIn("queued");
            assertThat(given.lastError()).hasValue("the server running it stopped before it finished");
        }
    }

    private static dev.progy.server.jobs.JobHandler runsOf(AtomicInteger runs) {
        return job -> runs.incrementAndGet();
    }

    private static HttpResponse<String> get(ProgyServer server, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestServers.url(server)
                        + dev.progy.server.jobs.JobRoutes.JOBS)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
