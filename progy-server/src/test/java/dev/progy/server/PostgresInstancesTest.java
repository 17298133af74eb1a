package dev.progy.server;

import dev.progy.model.ProgressRecord;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.wire.SyncResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Several server instances sharing one PostgreSQL database, as behind a load balancer. */
@DisplayName("Server instances sharing one PostgreSQL")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PostgresInstancesTest {

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
    @DisplayName("two instances starting at once on a new database migrate it once, and both serve")
    void migrateOnce() throws Exception {
        database = TestDatabases.postgres();
        java.util.Set<Integer> versions = new java.util.HashSet<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SyncHub>> hubs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                hubs.add(pool.submit(() -> {
                    go.await();
                    return SyncHub.open(database, 1, Clock.systemUTC());
                }));
            }
            go.countDown();
            for (Future<SyncHub> f : hubs) {
                SyncHub hub = f.get(1, TimeUnit.MINUTES);
                open.add(hub);
                assertThat(hub.health().up()).isTrue();
                assertThat(hub.health().schemaVersion()).isGreaterThanOrEqualTo(7);
                versions.add(hub.health().schemaVersion());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hub_schema_version")) {
            rs.next();
            assertThat(versions).hasSize(1);
            assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(versions.iterator().next());
        }
    }

    @Test
    @DisplayName("with pushes interleaved through two instances, a reader's cursor never skips a record")
    void cursorsNeverSkip() throws Exception {
        database = TestDatabases.postgres();
        List<String> urls = new ArrayList<>();
        String token = null;
        for (int i = 0; i < 2; i++) {
            ProgyServer server = TestServers.start(database, "connections", "4");
            open.add(server);
            if (token == null) {
                token = server.accounts().create("ada");
            }
            urls.add(TestServers.url(server));
        }
        String adaToken = token;

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean pushing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> pushers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                String url = urls.get(p % 2);
                int pusher = p;
                pushers.add(pool.submit(() -> {
                    for (int batch = 0; batch < 25; batch++) {
                        List<ProgressRecord> records = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            records.add(RawSync.exercise("p" + pusher + "/b" + batch + "-" + i, "device-" + pusher, 1));
                        }
                        RawSync.Answer a = RawSync.post(url, adaToken, RawSync.push("p" + pusher + "-" + batch, records));
                        assertThat(a.status()).as(a.body()).isEqualTo(200);
                        records.forEach(r -> acknowledged.add(r.key().itemId()));
                    }
                    return null;
                }));
            }
            Future<Long> reader = pool.submit(() -> {
                long cursor = 0;
                for (int round = 0; pushing.get() || round % 2 == 1; round++) {
                    cursor = pullAll(urls.get(round % 2), adaToken, cursor, seen);
                }
                return cursor;
            });
            for (Future<?> f : pushers) {
                f.get(3, TimeUnit.MINUTES);
            }
            pushing.set(false);
            long cursor = reader.get(1, TimeUnit.MINUTES);
            pullAll(urls.get(0), adaToken, cursor, seen); // whatever was committed after the reader's last look
        } finally {
            pushing.set(false);
            pool.shutdownNow();
        }

        assertThat(acknowledged).hasSize(4 * 25 * 20);
        assertThat(seen).as("every acknowledged record, read only by moving a cursor forward").containsAll(acknowledged);
    }

    private static long pullAll(String url, String token, long cursor, Set<String> seen) throws Exception {
        for (;;) {
            SyncResponse r = RawSync.post(url, token, RawSync.pull(cursor)).sync();
            r.records().forEach(rec -> seen.add(rec.key().itemId()));
            assertThat(r.cursor()).isGreaterThanOrEqualTo(cursor);
            cursor = r.cursor();
            if (!r.more()) {
                return cursor;
            }
        }
    }
}
