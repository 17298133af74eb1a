package dev.progy.server;

import dev.progy.sync.hub.HubJobs;
import dev.progy.sync.hub.SyncHub;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A durable job whose server is killed (SIGKILL) while it runs. */
@DisplayName("A job, its server killed mid-job")
class JobKillTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("is taken back when its lease runs out and run again, to the end, once, never beside the dead run")
    void survivesKillNine() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        Path marker = tmp.resolve("marker.txt");
        Process first = start(database, marker, "first");
        long id;
        try (SyncHub hub = SyncHub.open(database, 1, Clock.systemUTC())) {
            long now = System.currentTimeMillis();
            id = hub.jobs().enqueue("test.marked", "publish-1", "3000", 5, now, now).id();
        }
        Eventually.await("the first server to start the job", Duration.ofSeconds(60), () -> lines(marker).size() == 1);
        first.toHandle().destroyForcibly(); // SIGKILL, mid-job
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();

        Process second = start(database, marker, "second");
        try {
            Eventually.await("the job to end on the second server", Duration.ofSeconds(60),
                    () -> lines(marker).size() == 3);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("taken back after the 2 s lease, not before")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            List<String> seen = lines(marker);
            assertThat(seen).containsExactly("start " + first.pid() + " 1", "start " + second.pid() + " 2",
                    "end " + second.pid() + " 2");
            try (SyncHub hub = SyncHub.open(database, 1, Clock.systemUTC())) {
                Eventually.await("the job to be recorded done", Duration.ofSeconds(30),
                        () -> hub.jobs().job(id).orElseThrow().state().equals(HubJobs.DONE));
                HubJobs.Job done = hub.jobs().job(id).orElseThrow();
                assertThat(done.attempts()).isEqualTo(2);
                assertThat(done.lastError()).hasValue("the server running it stopped answering");
            }
            assertThat(lines(marker)).as("and not run again after").hasSize(3);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> lines(Path marker) {
        try {
            return Files.exists(marker) ? Files.readAllLines(marker, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Process start(String database, Path marker, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = tmp.resolve(name + ".log");
        Process p = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), JobWorkerMain.class.getName(), database,
                marker.toString(), "2")
                .redirectError(log.toFile())
                .start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the server's first line; its log: %s", Files.exists(log) ? Files.readString(log) : "")
                .startsWith("listening on");
        return p;
    }
}
