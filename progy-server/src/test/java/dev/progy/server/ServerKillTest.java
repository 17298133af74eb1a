package dev.progy.server;

import dev.progy.model.ProgressRecord;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.wire.SyncResponse;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The server in its own process on SQLite, killed with SIGKILL while clients push. */
@DisplayName("The server, killed mid-push")
class ServerKillTest {

    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("kill -9 at any moment of a push loses no acknowledged record and leaves an intact database")
    void survivesKillNine() throws Exception {
        String database = TestDatabases.sqlite(tmp);
        String token;
        try (SyncHub hub = SyncHub.open(database, 1, Clock.systemUTC())) {
            token = hub.createAccount("ada");
        }
        long seed = Long.getLong("progy.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        int batches = 0;
        for (int round = 1; round <= 5; round++) {
            Path log = tmp.resolve("server-" + round + ".log");
            Process server = start(database, log);
            String url = "http://127.0.0.1:" + port(server, log);
            int r = round;
            List<Thread> pushers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int pusher = p;
                Thread t = new Thread(() -> {
                    for (int batch = 0; ; batch++) {
                        List<ProgressRecord> records = new ArrayList<>();
                        for (int i = 0; i < 40; i++) {
                            records.add(RawSync.exercise("r" + r + "p" + pusher + "/b" + batch + "-" + i, "d" + pusher, 1));
                        }
                        records.forEach(rec -> sent.add(rec.key().itemId()));
                        try {
                            RawSync.Answer a = RawSync.post(url, token, RawSync.push("r" + r + "p" + pusher + "b" + batch, records));
                            if (a.status() != 200) {
                                return;
                            }
                        } catch (IOException | InterruptedException e) {
                            return; // the server died under this request: not acknowledged
                        }
                        records.forEach(rec -> acknowledged.add(rec.key().itemId()));
                    }
                }, "pusher-" + p);
                t.start();
                pushers.add(t);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(900)));
            server.toHandle().destroyForcibly(); // SIGKILL
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as("killed by SIGKILL: %s", read(log)).isEqualTo(128 + 9);
            for (Thread t : pushers) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }

            String where = "round " + round + " (seed " + seed + ")";
            assertThat(integrityCheck(database)).as(where).containsExactly("ok");
            Set<String> stored = storedItems(database, token);
            assertThat(stored).as("%s: every acknowledged record is stored", where).containsAll(acknowledged);
            assertThat(sent).as("%s: nothing stored that was not sent", where).containsAll(stored);
            batches = acknowledged.size() / 40;
        }
        assertThat(batches).as("pushes were acknowledged between the kills").isGreaterThanOrEqualTo(5);
    }

    private Set<String> storedItems(String database, String token) throws Exception {
        Path log = tmp.resolve("check.log");
        Process server = start(database, log);
        try {
            String url = "http://127.0.0.1:" + port(server, log);
            Set<String> items = new HashSet<>();
            long cursor = 0;
            for (boolean more = true; more; ) {
                SyncResponse r = RawSync.post(url, token, RawSync.pull(cursor)).sync();
                r.records().forEach(rec -> items.add(rec.key().itemId()));
                cursor = r.cursor();
                more = r.more();
            }
            return items;
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> integrityCheck(String database) throws Exception {
        try (Connection c = TestDatabases.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static Process start(String database, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--db", database, "--host", "127.0.0.1", "--port", "0", "--rate-write", "1000000/1m")
                .redirectError(log.toFile())
                .start();
    }

    private static int port(Process server, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : LISTENING.matcher(line);
        if (m == null || !m.find()) {
            return fail("the server said " + line + " instead of where it listens: " + read(log));
        }
        return Integer.parseInt(m.group(1));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
