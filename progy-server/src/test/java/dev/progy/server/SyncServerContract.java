package dev.progy.server;

import dev.progy.error.ProgyException;
import dev.progy.model.CourseProgress;
import dev.progy.server.http.Probes;
import dev.progy.sync.progress.ProgressSync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync path end to end — workspaces' SQLite databases, the HTTP client, a real server on loopback, the hub on a
 * real database — as every database backend of the server must pass it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class SyncServerContract {

    @TempDir
    Path tmp;

    String database;
    ProgyServer server;
    String url;
    String token;

    /** A new, empty database for the hub. */
    protected abstract String database();

    @BeforeEach
    void startServer() {
        database = database();
        server = TestServers.start(database, "connections", "4");
        token = server.accounts().create("ada");
        url = TestServers.url(server);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        TestDatabases.drop(database);
    }

    Student device(String name) {
        return new Student(tmp.resolve(name), url, token);
    }

    @Test
    @DisplayName("answers health and readiness without naming its database or anything of its configuration")
    void health() throws Exception {
        RawSync.Answer health = RawSync.get(url + Probes.HEALTH);
        RawSync.Answer ready = RawSync.get(url + Probes.READY);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    @DisplayName("refuses a sync without a token, or with a token it never gave, with 401 and a JSON error")
    void refusesStrangers() throws Exception {
        RawSync.Answer none = RawSync.post(url, null, RawSync.pull(0));
        RawSync.Answer forged = RawSync.post(url, "progy_" + "A".repeat(43), RawSync.pull(0));

        for (RawSync.Answer a : List.of(none, forged)) {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.body()).startsWith("{\"error\":\"unauthorized\",\"message\":");
        }
    }

    @Test
    @DisplayName("a change on one device reaches another, and each later sync sends only what changed since")
    void deltaSync() {
        Student laptop = device("laptop");
        Student desktop = device("desktop");
        laptop.run("01_basics/01_hello", false);
        laptop.run("01_basics/02_vars", true);

        ProgressSync.SyncReport first = laptop.sync();
        laptop.run("01_basics/01_hello", true);
        ProgressSync.SyncReport second = laptop.sync();
        ProgressSync.SyncReport idle = laptop.sync();
        ProgressSync.SyncReport pulled = desktop.sync();

        assertThat(first.pushed()).as("two exercises and the course record").isEqualTo(3);
        assertThat(second.pushed()).as("only the exercise run again").isEqualTo(1);
        assertThat(second.roundTrips()).isEqualTo(1);
        assertThat(idle.pushed()).isZero();
        assertThat(idle.pulled()).as("its own records are not echoed back").isZero();
        assertThat(pulled.pulled()).isEqualTo(3);
        assertThat(desktop.progress()).isEqualTo(laptop.progress());
        assertThat(desktop.progress().exercise("01_basics/01_hello").attempts()).isEqualTo(2);
        assertThat(desktop.sync().pushed()).as("pulled records are not local changes to push back").isZero();
    }

    @Test
    @DisplayName("a push whose answer is lost is sent again under the same key and counted once")
    void lostAnswerIsRetriedOnce() throws Exception {
        Student laptop = device("laptop");
        laptop.run("01_basics/01_hello", false);
        laptop.run("01_basics/01_hello", false);
        try (LosingProxy proxy = new LosingProxy(server.port(), 1)) {
            Student behindProxy = new Student(tmp.resolve("laptop"), proxy.url(), token, Duration.ofMillis(700));

            ProgressSync.SyncReport report = behindProxy.sync();

            assertThat(proxy.answersLost()).isEqualTo(1);
            assertThat(proxy.connections()).as("the retry went out on a new connection").isEqualTo(2);
            assertThat(report.stored()).as("the retry was answered as a replay: nothing stored twice").isZero();
            assertThat(report.roundTrips()).isEqualTo(1);
        }
        RawSync.Answer everything = RawSync.post(url, token, RawSync.pull(0));
        assertThat(everything.sync().cursor()).as("two records stored, one change each").isEqualTo(2);
        Student desktop = device("desktop");
        desktop.sync();
        assertThat(desktop.progress().exercise("01_basics/01_hello").attempts()).isEqualTo(2);
        assertThat(laptop.sync().pushed()).as("the acknowledged batch is not sent a third time").isZero();
    }

    @Test
    @DisplayName("an idempotency key sent again with a different batch is refused with 409")
    void keyReuseRefused() throws Exception {
        RawSync.Answer first = RawSync.post(url, token, RawSync.push("k1", List.of(RawSync.exercise("a/b", "d1", 1))));
        RawSync.Answer again = RawSync.post(url, token, RawSync.push("k1", List.of(RawSync.exercise("a/b", "d1", 1))));
        RawSync.Answer other = RawSync.post(url, token, RawSync.push("k1", List.of(RawSync.exercise("a/b", "d1", 5))));

        assertThat(first.sync().replayed()).isFalse();
        assertThat(first.sync().stored()).isEqualTo(1);
        assertThat(again.sync().replayed()).isTrue();
        assertThat(again.sync().stored()).as("the same answer as the first time").isEqualTo(1);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).contains("\"error\":\"key_reused\"");
    }

    @Test
    @DisplayName("two devices running and syncing at the same time converge to the same progress")
    void concurrentDevicesConverge() throws Exception {
        List<Student> devices = List.of(device("laptop"), device("desktop"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int d = 0; d < devices.size(); d++) {
                Student s = devices.get(d);
                int offset = d;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        s.run("01_basics/0" + ((i + offset) % 4), i % 5 == 4);
                        s.sync();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Student s : devices) {
            s.sync();
        }

        CourseProgress laptop = devices.get(0).progress();
        assertThat(devices.get(1).progress()).isEqualTo(laptop);
        int attempts = laptop.exercises().values().stream().mapToInt(e -> e.attempts()).sum();
        assertThat(attempts).as("every run of both devices, each counted once").isEqualTo(30);
    }

    @Test
    @DisplayName("work done while the server is down stays queued and is sent by the next sync")
    void offlineWorkQueues() {
        Student laptop = device("laptop");
        laptop.run("01_basics/01_hello", true);
        laptop.sync();
        server.close();
        server = null;
        laptop.run("01_basics/02_vars", false);
        laptop.run("01_basics/03_loops", true);

        assertThatThrownBy(laptop::sync).isInstanceOf(ProgyException.class)
                .hasMessageContaining("Could not reach the sync server")
                .satisfies(e -> assertThat(((ProgyException) e).fixHint()).contains("next sync"));

        server = TestServers.start(database, "connections", "2");
        url = TestServers.url(server);
        Student back = device("laptop");
        ProgressSync.SyncReport report = back.sync();
        Student desktop = device("desktop");
        desktop.sync();

        assertThat(report.pushed()).isGreaterThanOrEqualTo(2);
        assertThat(desktop.progress()).isEqualTo(laptop.progress());
        assertThat(desktop.progress().exercises()).containsKeys("01_basics/02_vars", "01_basics/03_loops");
    }
}
