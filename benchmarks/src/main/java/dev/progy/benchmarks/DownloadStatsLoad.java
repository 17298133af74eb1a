package dev.progy.benchmarks;

import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import dev.progy.server.account.Accounts;
import dev.progy.server.http.Access;
import dev.progy.server.http.HttpServer;
import dev.progy.server.http.HttpSettings;
import dev.progy.server.http.Probes;
import dev.progy.server.http.RateClass;
import dev.progy.server.http.RateLimits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.server.registry.DownloadCounter;
import dev.progy.server.registry.stats.DownloadEvents;
import dev.progy.sync.hub.HubDownloads;
import dev.progy.sync.hub.SyncHub;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registry's download statistics under load (issue 14), on SQLite or PostgreSQL:
 * <ol>
 *   <li>{@code query}: {@code events} raw download events (default 10 million) generated over 100 days for
 *       {@code courses} courses (a few most downloaded, a long tail; one in ten private, one in fifty deleted),
 *       bulk-loaded (PostgreSQL {@code COPY}; SQLite batched inserts), every day rolled up and the rankings
 *       refreshed; then a real server on that database answers {@code GET /api/v1/courses/top} and a course's
 *       {@code /stats} from one client back to back: latency percentiles.</li>
 *   <li>{@code rollup}: one day of 250 000, 500 000 and 1 000 000 events rolled up, each on a fresh database: time,
 *       bytes allocated and the most heap in use while it ran.</li>
 *   <li>{@code download}: an archive of {@code --kib} KiB (16) served through the server's HTTP stack by {@code clients} clients back to
 *       back, with the download recorded ({@link DownloadEvents}) and without ({@link DownloadCounter#NONE}),
 *       rounds alternated: requests a second.</li>
 * </ol>
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.DownloadStatsLoad --part query --db sqlite
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.DownloadStatsLoad --part query --db "$PROGY_TEST_POSTGRES_URL"
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.DownloadStatsLoad --part rollup --db sqlite
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.progy.benchmarks.DownloadStatsLoad --part download --clients 4
 * </pre>
 */
public final class DownloadStatsLoad {

    private static final int DAYS = 100;
    private static final int VERSIONS = 5;

    private DownloadStatsLoad() { }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = SyncLoad.options(args);
        String part = o.getOrDefault("part", "query");
        String db = o.getOrDefault("db", "sqlite");
        switch (part) {
            case "query" -> query(db, Optional.ofNullable(o.get("loaded")), Long.parseLong(o.getOrDefault("events", "10000000")),
                    Integer.parseInt(o.getOrDefault("courses", "2000")), Integer.parseInt(o.getOrDefault("requests", "20000")));
            case "rollup" -> {
                for (int n : SyncLoad.ints(o.getOrDefault("sizes", "250000,500000,1000000"))) {
                    rollUp(db, n, Integer.parseInt(o.getOrDefault("batch", "50000")));
                }
            }
            case "download" -> download(Integer.parseInt(o.getOrDefault("clients", "4")),
                    Integer.parseInt(o.getOrDefault("seconds", "10")), Integer.parseInt(o.getOrDefault("rounds", "3")),
                    Integer.parseInt(o.getOrDefault("kib", "16")));
            default -> throw new IllegalArgumentException("--part is query, rollup or download");
        }
        System.exit(0);
    }

    /** A fresh database: a SQLite file in a new folder, or a new database on the PostgreSQL of {@code admin}. */
    private static String fresh(String db, String name) throws Exception {
        if (db.equals("sqlite")) {
            return "sqlite:" + Files.createTempDirectory("progy-download-stats").resolve("server.db");
        }
        String n = name + "_" + Long.toHexString(System.nanoTime());
        SyncLoad.adminSql(db, "CREATE DATABASE " + n);
        return SyncLoad.database(db, n);
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

    private static String course(int i) {
        return "@s" + (i % 50) + "/course-" + i;
    }

    /** Loads {@code perDay} generated events on each of {@code days} ending yesterday; ids from {@code firstId}. */
    private static void load(String database, List<LocalDate> days, int perDay, int courses, long firstId)
            throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long id = firstId;
        int clients = Math.max(1000, perDay / 3);
        try (Connection c = connect(database)) {
            boolean pg = !database.startsWith("sqlite:");
            for (LocalDate day : days) {
                long noon = day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
                if (pg) {
                    StringBuilder rows = new StringBuilder(perDay * 90);
                    for (int i = 0; i < perDay; i++) {
                        int k = pick(random, courses);
                        rows.append(id++).append(',').append(course(k)).append(",1.0.").append(random.nextInt(VERSIONS))
                                .append(',').append(day).append(',').append(client(random, clients)).append(',')
                                .append(random.nextInt(10) == 0 ? 0 : 1).append(',').append(noon + i).append('\n');
                    }
                    Reader r = new StringReader(rows.toString());
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY hub_download_event (id, course, version, "
                            + "day, client, cli, at_ms) FROM STDIN WITH (FORMAT csv)", r);
                } else {
                    c.setAutoCommit(false);
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_download_event (id, course, "
                            + "version, day, client, cli, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        for (int i = 0; i < perDay; i++) {
                            int k = pick(random, courses);
                            p.setLong(1, id++);
                            p.setString(2, course(k));
                            p.setString(3, "1.0." + random.nextInt(VERSIONS));
                            p.setString(4, day.toString());
                            p.setString(5, client(random, clients));
                            p.setInt(6, random.nextInt(10) == 0 ? 0 : 1);
                            p.setLong(7, noon + i);
                            p.addBatch();
                            if (i % 10_000 == 9_999) {
                                p.executeBatch();
                            }
                        }
                        p.executeBatch();
                    }
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            if (pg) {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
            }
        }
    }

    /** A course, the first ones downloaded far more often than the long tail. */
    private static int pick(SplittableRandom random, int courses) {
        double u = random.nextDouble();
        return (int) (courses * u * u * u);
    }

    private static String client(SplittableRandom random, int clients) {
        return String.format("%032x", (long) random.nextInt(clients) * 0x9E3779B97F4A7C15L);
    }

    private static void courses(String database, int courses, long owner) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS hub_course (id BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                    + "scope TEXT NOT NULL, owner_id BIGINT NOT NULL, visibility TEXT NOT NULL, summary TEXT, "
                    + "created_ms BIGINT NOT NULL, deleted_ms BIGINT)");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO hub_course (id, name, scope, owner_id, "
                    + "visibility, summary, created_ms, deleted_ms) VALUES (?, ?, ?, ?, ?, 'a course', 0, ?)")) {
                for (int i = 0; i < courses; i++) {
                    p.setLong(1, i + 1L);
                    p.setString(2, course(i));
                    p.setString(3, "s" + (i % 50));
                    p.setLong(4, owner);
                    p.setString(5, i % 10 == 3 ? "private" : "public");
                    if (i % 50 == 7) {
                        p.setLong(6, 1);
                    } else {
                        p.setNull(6, java.sql.Types.BIGINT);
                    }
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        }
    }

    private static List<LocalDate> lastDays(int n) {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        List<LocalDate> days = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            days.add(yesterday.minusDays(i - 1L));
        }
        return days;
    }

    /** With {@code loaded}, the database of an earlier run (its events, roll-ups and rankings are there). */
    private static void query(String db, Optional<String> loaded, long events, int courses, int requests)
            throws Exception {
        String database = loaded.isPresent() ? loaded.get() : fresh(db, "progy_stats_query");
        if (loaded.isEmpty()) {
            prepare(database, events, courses);
        }
        serve(database, requests);
    }

    /** Generates and loads {@code events} over {@link #DAYS} days, rolls every day up and refreshes the rankings. */
    private static void prepare(String database, long events, int courses) throws Exception {
        List<LocalDate> days = lastDays(DAYS);
        try (SyncHub hub = SyncHub.open(database, 4, Clock.systemUTC())) {
            courses(database, courses, hub.authenticate(hub.createAccount("owner")).orElseThrow().id());
            long t = System.nanoTime();
            load(database, days, (int) (events / DAYS), courses, 1);
            System.out.printf("%s: %,d events over %d days loaded in %.1f s%n", database.replaceAll(":[^:@/]*@", "@"),
                    events, DAYS, SyncLoad.ms(System.nanoTime() - t) / 1000);
            HubDownloads store = hub.downloads();
            t = System.nanoTime();
            long counted = 0;
            for (LocalDate d : days) {
                counted += store.rollUp(d.toString(), 50_000).counted();
            }
            store.refresh(days.get(days.size() - 1).toString());
            System.out.printf("rolled up (%,d downloads counted) and refreshed in %.1f s%n", counted,
                    SyncLoad.ms(System.nanoTime() - t) / 1000);
        }
    }

    private static void serve(String database, int requests) throws Exception {
        Map<String, String> options = new HashMap<>();
        options.put("db", database);
        options.put("host", "127.0.0.1");
        options.put("port", "0");
        options.put("rate-read", "100000000/1m");
        options.put("download-keep-days", "100000");
        try (ProgyServer server = ProgyServer.start(ServerConfig.load(options, Map.of()));
             SyncLoad.Client client = new SyncLoad.Client(server.port())) {
            String top = client.get("/api/v1/courses/top?period=7d&limit=10").body();
            System.out.println("top 7d: " + top.substring(0, Math.min(200, top.length())) + "…");
            for (String[] route : new String[][] {
                    {"GET /api/v1/courses/top?period=7d&limit=10", "/api/v1/courses/top?period=7d&limit=10"},
                    {"GET /api/v1/courses/top?period=all&limit=100", "/api/v1/courses/top?period=all&limit=100"},
                    {"GET /api/v1/courses/{scope}/{slug}/stats?days=30 (a popular course)",
                            "/api/v1/courses/s0/course-0/stats?days=30"},
                    {"GET /api/v1/courses/{scope}/{slug}/stats?days=365 (a tail course)",
                            "/api/v1/courses/s1/course-1951/stats?days=365"}}) {
                latency(client, route[0], route[1], requests);
            }
        }
    }

    private static void latency(SyncLoad.Client client, String name, String path, int requests) throws Exception {
        for (int i = 0; i < requests / 4; i++) { // warm-up
            check(client.get(path), path);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            check(client.get(path), path);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-70s n=%d p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", name, requests,
                SyncLoad.ms(nanos[requests / 2]), SyncLoad.ms(nanos[(int) (requests * 0.9)]),
                SyncLoad.ms(nanos[(int) Math.ceil(requests * 0.99) - 1]), SyncLoad.ms(nanos[requests - 1]));
    }

    private static void check(SyncLoad.Client.Answer a, String path) {
        if (a.status() != 200) {
            throw new IllegalStateException(path + " answered " + a.status() + ": " + a.body());
        }
    }

    private static void rollUp(String db, int events, int batch) throws Exception {
        String database = fresh(db, "progy_stats_rollup");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        try (SyncHub hub = SyncHub.open(database, 4, Clock.systemUTC())) {
            load(database, List.of(day), events, 2000, 1);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
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
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            boolean pg = !database.startsWith("sqlite:");
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long cpu = os.getProcessCpuTime();
            long pgCpu = pg ? SyncLoad.postgresCpu() : 0;
            long t = System.nanoTime();
            HubDownloads.RollUp r = hub.downloads().rollUp(day.toString(), batch);
            long took = System.nanoTime() - t;
            cpu = os.getProcessCpuTime() - cpu;
            pgCpu = pg ? SyncLoad.postgresCpu() - pgCpu : 0;
            allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
            running.set(false);
            sampler.join();
            System.out.printf("%s, batches of %,d: rolled up %,d events (%,d downloads) in %.2f s = %,.0f events/s; CPU %.2f s in the "
                            + "JVM%s; allocated %,d MB (%.0f bytes/event); heap in use: %,d MB before, %,d MB at most "
                            + "(max heap %,d MB)%n",
                    pg ? "PostgreSQL" : "SQLite", batch, r.events(), r.counted(),
                    SyncLoad.ms(took) / 1000, r.events() / (took / 1e9), SyncLoad.ms(cpu) / 1000,
                    pg ? String.format(" + %.2f s in postgres processes", SyncLoad.ms(pgCpu) / 1000) : "",
                    allocated >> 20,
                    (double) allocated / r.events(), before >> 20, peak.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static void download(int clients, int seconds, int rounds, int kib) throws Exception {
        Path dir = Files.createTempDirectory("progy-download-load");
        byte[] archive = new byte[kib * 1024];
        new SplittableRandom(1).nextBytes(archive);
        try (SyncHub hub = SyncHub.open("sqlite:" + dir.resolve("server.db"), 1, Clock.systemUTC())) {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DownloadEvents events = new DownloadEvents(hub.downloads(), Clock.systemUTC(), 65_536, 1_000, metrics);
            List<Route> routes = new ArrayList<>(Probes.routes(() -> true, metrics, new byte[0]));
            for (boolean on : new boolean[] {true, false}) {
                DownloadCounter counter = on ? events : DownloadCounter.NONE;
                routes.add(Route.get("/bench/" + (on ? "on" : "off") + "/{scope}/{slug}/{version}/archive",
                        Access.anyone(), x -> {
                            Reply r = new Reply(200, "application/octet-stream", archive)
                                    .with("Cache-Control", "public, max-age=31536000, immutable");
                            counter.served("@" + x.pathParam("scope") + "/" + x.pathParam("slug"),
                                    x.pathParam("version"), Optional.empty(), x.remoteAddress(),
                                    x.header("User-Agent").orElse("progy-cli/bench"));
                            return r;
                        }).rate(RateClass.UNLIMITED));
            }
            HttpServer server = HttpServer.start(routes, new Accounts(hub), RateLimits.none(), metrics,
                    new HttpSettings("127.0.0.1", 0, 64, 8, 2, Duration.ofSeconds(15), Duration.ofSeconds(60), 1024,
                            Duration.ofSeconds(5)));
            try {
                round(server.port(), "off", clients, 3); // warm-up
                round(server.port(), "on", clients, 3);
                List<Double> off = new ArrayList<>();
                List<Double> on = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    off.add(round(server.port(), "off", clients, seconds));
                    on.add(round(server.port(), "on", clients, seconds));
                }
                events.close();
                System.out.printf("recording off: %s req/s; on: %s req/s; on/off (sums) = %.3f; events stored %,.0f, "
                                + "dropped %,.0f%n", off, on, on.stream().mapToDouble(d -> d).sum()
                                / off.stream().mapToDouble(d -> d).sum(),
                        metrics.get("progy.downloads.recorded").counter().count(),
                        metrics.get("progy.downloads.dropped").counter().count());
            } finally {
                server.close();
            }
        }
    }

    /** Requests a second of {@code clients} clients downloading back to back for {@code seconds}. */
    private static double round(int port, String mode, int clients, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int n = c;
            Thread t = new Thread(() -> {
                try (SyncLoad.Client http = new SyncLoad.Client(port)) {
                    for (long i = 0; !stop.get(); i++) {
                        SyncLoad.Client.Answer a = http.get("/bench/" + mode + "/s" + n + "/course-" + (i % 100)
                                + "/1.0." + (i % 5) + "/archive");
                        if (a.status() != 200) {
                            throw new IllegalStateException("the archive route answered " + a.status());
                        }
                        done.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        long n = done.get();
        long took = System.nanoTime() - start;
        for (Thread t : threads) {
            t.join();
        }
        return Math.round(n / (took / 1e9));
    }
}
