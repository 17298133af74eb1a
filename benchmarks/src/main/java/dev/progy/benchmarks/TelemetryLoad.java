package dev.progy.benchmarks;

import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry ingest (issue 16): {@code clients} clients post batches of {@code batch} events back to back to
 * {@code POST /api/v1/telemetry} of one real server (default settings, rate limits out of reach) on a fresh database
 * for {@code seconds} seconds after a warm-up of a third of that; prints events a second, batch latency and, on
 * PostgreSQL, the database's cost per event (WAL bytes written, table and index bytes stored).
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.TelemetryLoad --db "$PROGY_TEST_POSTGRES_URL" --clients 4 --batch 100 --seconds 20
 * </pre>
 */
public final class TelemetryLoad {

    private static final String[] TYPES = {"exercise_started", "run_failed", "exercise_passed", "hint_shown"};

    private TelemetryLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SyncLoad.options(args);
        String db = o.getOrDefault("db", "sqlite");
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "100"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        if (o.getOrDefault("part", "ingest").equals("page")) {
            page(db, Long.parseLong(o.getOrDefault("events", "10000000")), Integer.parseInt(o.getOrDefault("days", "10")));
            return;
        }
        if (o.getOrDefault("part", "ingest").equals("rollup")) {
            rollUp(db, Integer.parseInt(o.getOrDefault("events", "1000000")));
            return;
        }
        String database;
        if (db.equals("sqlite")) {
            database = "sqlite:" + Files.createTempDirectory("progy-telemetry").resolve("server.db");
        } else {
            String n = "progy_telemetry_" + Long.toHexString(System.nanoTime());
            SyncLoad.adminSql(db, "CREATE DATABASE " + n);
            database = SyncLoad.database(db, n);
        }
        Map<String, String> options = new HashMap<>();
        options.put("db", database);
        options.put("host", "127.0.0.1");
        options.put("port", "0");
        options.put("rate-write", "100000000/1m");
        try (ProgyServer server = ProgyServer.start(ServerConfig.load(options, Map.of()))) {
            server.accounts().create("bench");
            long owner = server.accounts().bearer(server.accounts().createToken("bench", Set.of("read"),
                    Optional.empty(), "t")).orElseThrow().account();
            try (Connection c = connect(database)) {
                for (int i = 0; i < 10; i++) {
                    sql(c, "INSERT INTO hub_course (id, name, scope, owner_id, visibility, summary, created_ms) VALUES ("
                            + (i + 1) + ", '@bench/course-" + i + "', '@bench', " + owner + ", 'public', 'x', 0)");
                    sql(c, "INSERT INTO hub_course_version (id, course_id, version, state, size, verified, yanked, "
                            + "created_ms, publish_id, publisher_id, staged) VALUES (" + (i + 1) + ", " + (i + 1)
                            + ", '1.0.0', 'live', 1, 1, 0, 0, 'p" + i + "', " + owner + ", '')");
                }
            }
            String url = "http://127.0.0.1:" + server.port() + "/api/v1/telemetry";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            run(http, url, clients, batch, Math.max(1, seconds / 3)); // warm-up
            long walBefore = wal(database);
            long rowsBefore = count(database);
            AtomicLong[] stats = run(http, url, clients, batch, seconds);
            long walAfter = wal(database);
            long rows = count(database) - rowsBefore;
            long events = stats[0].get();
            System.out.printf("%s: %d clients, %d events a batch, %d s: %,d events stored (%,d counted), %,.0f events/s, "
                            + "%,.0f batches/s, mean batch %.2f ms%n", db.equals("sqlite") ? "SQLite" : "PostgreSQL",
                    clients, batch, seconds, rows, events, events / (double) seconds, stats[1].get() / (double) seconds,
                    stats[2].get() / 1e6 / Math.max(1, stats[1].get()));
            if (!database.startsWith("sqlite:")) {
                try (Connection c = connect(database); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('hub_telemetry_event'), "
                             + "pg_relation_size('hub_telemetry_event'), COUNT(*) FROM hub_telemetry_event")) {
                    rs.next();
                    long n = rs.getLong(3);
                    System.out.printf("per event: %.0f bytes of WAL, %.0f bytes stored (%.0f in the table, the rest in "
                                    + "its two indexes)%n", (walAfter - walBefore) / (double) rows,
                            rs.getLong(1) / (double) n, rs.getLong(2) / (double) n);
                }
            }
        }
    }

    /** Posts batches for {@code seconds}; returns events accepted, batches, total batch nanoseconds. */
    private static AtomicLong[] run(HttpClient http, String url, int clients, int batch, int seconds)
            throws InterruptedException {
        AtomicLong events = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[clients];
        for (int t = 0; t < clients; t++) {
            int seed = t;
            threads[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed * 7919L + System.nanoTime());
                try {
                    while (System.nanoTime() < end) {
                        String body = body(random, batch);
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        nanos.addAndGet(System.nanoTime() - t0);
                        if (r.statusCode() != 200 || !r.body().contains("\"refused\":[]")) {
                            throw new IllegalStateException("the server answered " + r.statusCode() + ": " + r.body());
                        }
                        events.addAndGet(batch);
                        batches.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new AtomicLong[] {events, batches, nanos};
    }

    private static String body(SplittableRandom random, int batch) {
        StringBuilder b = new StringBuilder(batch * 220);
        b.append("{\"batch\":\"").append(hex(random)).append("\",\"installation\":\"").append(hex(random))
                .append("\",\"events\":[");
        Instant now = Instant.now();
        for (int i = 0; i < batch; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            b.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"course\":\"@bench/course-")
                    .append(random.nextInt(10)).append("\",\"version\":\"1.0.0\",\"exercise\":\"module-")
                    .append(random.nextInt(5)).append("/exercise-").append(random.nextInt(12))
                    .append("\",\"attempt\":").append(1 + random.nextInt(5)).append(",\"since_start_ms\":")
                    .append(random.nextInt(600_000)).append(",\"at\":\"").append(now.minusSeconds(random.nextInt(3600)))
                    .append('"');
            if (type.equals("run_failed")) {
                b.append(",\"signature\":{\"kind\":\"compile_error\",\"message\":\"E0").append(300 + random.nextInt(20))
                        .append("\"}");
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    /**
     * One day of {@code events} generated events (students of 100 events each over 60 exercises of 10 courses)
     * bulk-inserted on a fresh database, then that day rolled up as the daily job does: time and heap.
     */
    private static void rollUp(String db, int events) throws Exception {
        String database;
        if (db.equals("sqlite")) {
            database = "sqlite:" + Files.createTempDirectory("progy-telemetry").resolve("server.db");
        } else {
            String n = "progy_telemetry_rollup_" + Long.toHexString(System.nanoTime());
            SyncLoad.adminSql(db, "CREATE DATABASE " + n);
            database = SyncLoad.database(db, n);
        }
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(20);
        long start = day.atTime(6, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        try (dev.progy.sync.hub.SyncHub hub = dev.progy.sync.hub.SyncHub.open(database, 4, java.time.Clock.systemUTC());
             Connection c = connect(database)) {
            c.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(42);
            long t = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_telemetry_event (id, installation, course, "
                    + "version, exercise, type, attempt, since_ms, at_ms, day, sig_kind, sig_test, sig_message, value, "
                    + "batch) VALUES (?, ?, ?, '1.0.0', ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, 'b')")) {
                for (int i = 0; i < events; i++) {
                    String type = TYPES[random.nextInt(TYPES.length)];
                    p.setLong(1, i + 1L);
                    p.setString(2, String.format("%032x", i / 100));
                    p.setString(3, "@bench/course-" + (i / 100) % 10);
                    p.setString(4, "module-" + random.nextInt(5) + "/exercise-" + random.nextInt(12));
                    p.setString(5, type);
                    p.setInt(6, 1 + random.nextInt(5));
                    p.setLong(7, random.nextInt(600_000));
                    p.setLong(8, start + i * 40L);
                    p.setString(9, day.toString());
                    p.setString(10, type.equals("run_failed") ? "compile_error" : null);
                    p.setString(11, type.equals("run_failed") ? "E0" + (300 + random.nextInt(20)) : null);
                    p.addBatch();
                    if (i % 5000 == 4999) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
            System.out.printf("%,d events loaded in %.1f s%n", events, (System.nanoTime() - t) / 1e9);
            java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            t = System.nanoTime();
            dev.progy.sync.hub.HubTelemetry.RollUp r = hub.telemetry().rollUp(day.toString(),
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            long took = System.nanoTime() - t;
            sampler.interrupt();
            t = System.nanoTime();
            hub.telemetry().rollUp(day.toString(), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            long again = System.nanoTime() - t;
            System.out.printf("%s: a day of %,d events rolled up in %.1f s (again: %.1f s), heap in use at most %,d MB "
                            + "above the %,d MB before%n", db.equals("sqlite") ? "SQLite" : "PostgreSQL", r.events(),
                    took / 1e9, again / 1e9, (peak.get() - before) >> 20, before >> 20);
        }
    }

    /**
     * A course page's data with {@code events} events stored over {@code days} days (PostgreSQL only): the events made
     * in the database by {@code generate_series} (the same shape as the roll-up part: students of 100 events over 60
     * exercises of 10 courses), every day rolled up as the daily job does, then what the heatmap and an exercise page
     * read ({@code figures} for 30 days, {@code signatures} of one exercise), 500 times each after 50 for warm-up.
     */
    private static void page(String db, long events, int days) throws Exception {
        if (db.equals("sqlite")) {
            throw new IllegalArgumentException("--part page needs --db <a PostgreSQL URL>");
        }
        String n = "progy_telemetry_page_" + Long.toHexString(System.nanoTime());
        SyncLoad.adminSql(db, "CREATE DATABASE " + n);
        String database = SyncLoad.database(db, n);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate first = today.minusDays(days + 1L);
        long perDay = events / days;
        try (dev.progy.sync.hub.SyncHub hub = dev.progy.sync.hub.SyncHub.open(database, 4, java.time.Clock.systemUTC());
             Connection c = connect(database)) {
            long t = System.nanoTime();
            for (int d = 0; d < days; d++) {
                java.time.LocalDate day = first.plusDays(d);
                long start = day.atTime(6, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
                sql(c, "INSERT INTO hub_telemetry_event (id, installation, course, version, exercise, type, attempt, "
                        + "since_ms, at_ms, day, sig_kind, sig_test, sig_message, value, batch) "
                        + "SELECT g + " + (d * perDay) + ", lpad(to_hex((g + " + (d * perDay) + ") / 100), 32, '0'), "
                        + "'@bench/course-' || ((g / 100) % 10), '1.0.0', "
                        + "'module-' || (hashint % 5) || '/exercise-' || ((hashint / 5) % 12), "
                        + "(ARRAY['exercise_started','run_failed','exercise_passed','hint_shown'])[1 + (hashint / 60) % 4], "
                        + "1 + (hashint / 240) % 5, (hashint * 7) % 600000, " + start + " + g * 40, '" + day + "', "
                        + "CASE WHEN (hashint / 60) % 4 = 1 THEN 'compile_error' END, NULL, "
                        + "CASE WHEN (hashint / 60) % 4 = 1 THEN 'E0' || (300 + (hashint / 1200) % 20) END, NULL, 'b' "
                        + "FROM (SELECT g, abs(hashint4(g::int + " + d + " * 7919)::bigint) AS hashint "
                        + "FROM generate_series(0, " + (perDay - 1) + ") AS g) s");
            }
            System.out.printf("%,d events made over %d days in %.1f s%n", perDay * days, days,
                    (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            for (int d = 0; d < days; d++) {
                hub.telemetry().rollUp(first.plusDays(d).toString(), today);
            }
            System.out.printf("%d days rolled up in %.1f s%n", days, (System.nanoTime() - t) / 1e9);
            dev.progy.sync.hub.HubTelemetry store = hub.telemetry();
            java.time.LocalDate from = today.minusDays(30);
            long[] figures = new long[500];
            long[] signatures = new long[500];
            int rows = 0;
            for (int i = -50; i < 500; i++) {
                String course = "@bench/course-" + Math.floorMod(i, 10);
                long a = System.nanoTime();
                rows = store.figures(course, "1.0.0", from, today).size();
                long b = System.nanoTime();
                store.signatures(course, "1.0.0", "module-" + Math.floorMod(i, 5) + "/exercise-" + Math.floorMod(i, 12),
                        from, today, 10);
                long e = System.nanoTime();
                if (i >= 0) {
                    figures[i] = b - a;
                    signatures[i] = e - b;
                }
            }
            java.util.Arrays.sort(figures);
            java.util.Arrays.sort(signatures);
            System.out.printf("%,d events stored (%,d rows a course's heatmap): heatmap data p50 %.2f ms, p99 %.2f ms; "
                            + "an exercise's top signatures p50 %.2f ms, p99 %.2f ms%n", count(database), rows,
                    figures[250] / 1e6, figures[494] / 1e6, signatures[250] / 1e6, signatures[494] / 1e6);
        }
    }

    private static String hex(SplittableRandom random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    private static long wal(String database) throws SQLException {
        if (database.startsWith("sqlite:")) {
            return 0;
        }
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::BIGINT")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(String database) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hub_telemetry_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.executeUpdate();
        }
    }

    private static Connection connect(String database) throws SQLException {
        if (database.startsWith("sqlite:")) {
            return DriverManager.getConnection("jdbc:" + database);
        }
        URI u = URI.create(database);
        String[] user = u.getUserInfo().split(":", 2);
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", user[0]);
        p.setProperty("password", user.length > 1 ? user[1] : "");
        return DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath(), p);
    }
}
