package dev.progy.server;

import dev.progy.server.jobs.JobSettings;
import dev.progy.server.jobs.Jobs;
import dev.progy.server.registry.stats.ArchiveStore;
import dev.progy.server.registry.stats.DownloadEvents;
import dev.progy.server.registry.stats.DownloadStats;
import dev.progy.server.registry.stats.FolderArchiveStore;
import dev.progy.sync.hub.HubDownloads;
import dev.progy.sync.hub.HubJobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Download statistics on a real server and database: what counts as a download, roll-ups that count each client
 * once however often they run or stop, archives that never lose a day, and public figures that never show a
 * private or deleted course. Every database backend of the server must pass it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class DownloadStatsContract {

    static final String CLI = "progy-cli/0.1.0";
    static final String PUBLIC = "@school/rust";
    static final String SECRET = "@school/secret";
    static final String GONE = "@school/gone";

    @TempDir
    Path tmp;

    String database;
    ProgyServer server;
    HubDownloads store;
    final List<AutoCloseable> open = new ArrayList<>();
    /** A day that ended three days ago, and the next. */
    final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);

    protected abstract String database();

    @BeforeEach
    void startServer() {
        database = database();
        server = TestServers.start(database, "download-archive", tmp.resolve("archive").toString());
        store = server.hub().downloads();
        RegistryTables.ensure(database);
        server.accounts().create("ada");
        long owner = server.accounts().bearer(server.accounts().createToken("ada", java.util.Set.of("read"),
                Optional.empty(), "t")).orElseThrow().account();
        RegistryTables.course(database, 1, PUBLIC, owner, "public", false);
        RegistryTables.course(database, 2, SECRET, owner, "private", false);
        RegistryTables.course(database, 3, GONE, owner, "public", true);
    }

    @AfterEach
    void stopServer() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
        TestDatabases.drop(database);
    }

    /** Records downloads as served on {@code on} (at noon UTC), then waits until they are stored. */
    DownloadEvents recorder(LocalDate on) {
        Clock at = Clock.fixed(on.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        DownloadEvents events = new DownloadEvents(store, at, 10_000, 500, new SimpleMeterRegistry());
        open.add(events);
        return events;
    }

    void stored(DownloadEvents events) {
        Eventually.await("queued downloads to be stored", Duration.ofSeconds(30), () -> events.queued() == 0);
        events.close();
    }

    long downloads(String course, String version, LocalDate on) {
        return store.versionDay(course, version, on.toString()).map(c -> c[0]).orElse(0L);
    }

    long others(String course, String version, LocalDate on) {
        return store.versionDay(course, version, on.toString()).map(c -> c[1]).orElse(0L);
    }

    long total(String course) {
        return store.series(course, day, day).orElseThrow().total();
    }

    @Test
    @DisplayName("a client downloading one version many times in a day counts once; another version, another client "
            + "or another day counts again")
    void oncePerClientVersionAndDay() {
        DownloadEvents first = recorder(day);
        for (int i = 0; i < 3; i++) {
            first.served(PUBLIC, "1.0.0", Optional.of("7"), "10.0.0.1", CLI);
            first.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0.2", CLI);
        }
        first.served(PUBLIC, "1.0.0", Optional.of("7"), "10.0.0.9", CLI); // the same account from elsewhere
        first.served(PUBLIC, "1.1.0", Optional.of("7"), "10.0.0.1", CLI);
        stored(first);
        DownloadEvents next = recorder(day.plusDays(1));
        next.served(PUBLIC, "1.0.0", Optional.of("7"), "10.0.0.1", CLI);
        stored(next);

        store.rollUp(day.toString(), 1000);
        store.rollUp(day.plusDays(1).toString(), 1000);

        assertThat(store.events(day.toString())).isEqualTo(8);
        assertThat(downloads(PUBLIC, "1.0.0", day)).isEqualTo(2);
        assertThat(downloads(PUBLIC, "1.1.0", day)).isEqualTo(1);
        assertThat(downloads(PUBLIC, "1.0.0", day.plusDays(1))).isEqualTo(1);
        assertThat(store.series(PUBLIC, day, day.plusDays(1)).orElseThrow().days())
                .containsExactly(new HubDownloads.Day(day.toString(), 3), new HubDownloads.Day(day.plusDays(1).toString(), 1));
        assertThat(total(PUBLIC)).isEqualTo(4);
    }

    @Test
    @DisplayName("only the CLI's user agent counts toward public figures; browsers and scripts are counted apart")
    void onlyTheCliCounts() {
        DownloadEvents events = recorder(day);
        events.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0.1", "Mozilla/5.0 (X11; Linux x86_64)");
        events.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0.2", "curl/8.5.0");
        events.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0.3", null);
        events.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0.4", "not-progy-cli/1.0");
        events.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0.5", CLI);
        stored(events);

        store.rollUp(day.toString(), 1000);

        assertThat(downloads(PUBLIC, "1.0.0", day)).isEqualTo(1);
        assertThat(others(PUBLIC, "1.0.0", day)).isEqualTo(4);
        assertThat(total(PUBLIC)).isEqualTo(1);
    }

    @Test
    @DisplayName("the database keeps a salted hash of who downloaded, never the account or the address")
    void keepsNoAddress() throws Exception {
        DownloadEvents events = recorder(day);
        events.served(PUBLIC, "1.0.0", Optional.of("4242"), "203.0.113.77", CLI);
        events.served(PUBLIC, "1.0.0", Optional.empty(), "203.0.113.78", CLI);
        stored(events);
        List<HubDownloads.Event> kept = new ArrayList<>();
        store.eachEvent(day.toString(), 100, kept::add);

        assertThat(kept).hasSize(2).allSatisfy(e -> {
            assertThat(e.client()).matches("[0-9a-f]{32}").doesNotContain("4242").doesNotContain("203.0.113");
            assertThat(e.cli()).isTrue();
        });
        assertThat(kept.get(0).client()).isNotEqualTo(kept.get(1).client());
    }

    /** 300 downloads on {@link #day} by 40 clients of 3 versions: returns how many (client, version) pairs. */
    long manyDownloads() {
        DownloadEvents events = recorder(day);
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            String client = Integer.toString(i * 7 % 40);
            String version = "1.0." + (i % 3);
            events.served(PUBLIC, version, Optional.of(client), "10.0.0.1", CLI);
            pairs.add(client + " " + version);
        }
        stored(events);
        return pairs.size();
    }

    @Test
    @DisplayName("rolling a day up again changes nothing")
    void rollUpIsIdempotent() {
        long pairs = manyDownloads();
        HubDownloads.RollUp once = store.rollUp(day.toString(), 50);
        long[] after = {downloads(PUBLIC, "1.0.0", day), downloads(PUBLIC, "1.0.1", day), total(PUBLIC)};

        HubDownloads.RollUp twice = store.rollUp(day.toString(), 50);

        assertThat(once.counted()).isEqualTo(pairs);
        assertThat(twice).isEqualTo(once);
        assertThat(new long[] {downloads(PUBLIC, "1.0.0", day), downloads(PUBLIC, "1.0.1", day), total(PUBLIC)})
                .containsExactly(after);
        assertThat(total(PUBLIC)).isEqualTo(pairs);
    }

    @Test
    @DisplayName("a roll-up that fails inside a batch keeps the batches before it, resumes after them and counts "
            + "nobody twice")
    void rollUpResumes() {
        long pairs = manyDownloads();
        assertThatThrownBy(() -> store.rollUp(day.toString(), 40, batch -> {
            if (batch == 4) {
                throw new IllegalStateException("the server died here");
            }
        })).hasMessageContaining("the server died here");
        HubDownloads.RollUp stopped = store.rollUpOf(day.toString()).orElseThrow();
        assertThat(stopped.done()).isFalse();
        assertThat(stopped.events()).isEqualTo(120); // three batches of 40 committed, the fourth rolled back

        HubDownloads.RollUp resumed = store.rollUp(day.toString(), 40);

        assertThat(resumed.done()).isTrue();
        assertThat(resumed.events()).isEqualTo(300);
        assertThat(resumed.counted()).isEqualTo(pairs);
        assertThat(total(PUBLIC)).isEqualTo(pairs);
        long perVersion = downloads(PUBLIC, "1.0.0", day) + downloads(PUBLIC, "1.0.1", day)
                + downloads(PUBLIC, "1.0.2", day);
        assertThat(perVersion).isEqualTo(pairs);
    }

    @Test
    @DisplayName("archiving a day writes a gzip-compressed CSV file that reads back whole, then deletes its events")
    void archivesThenDeletes() throws Exception {
        long pairs = manyDownloads();
        store.rollUp(day.toString(), 1000);

        server.downloadStats().archive(day.toString());

        Path file = tmp.resolve("archive/downloads").resolve(day.toString().substring(0, 4))
                .resolve(day.toString().substring(5, 7)).resolve(day + ".csv.gz");
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            lines = r.lines().toList();
        }
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).isEqualTo("id,course,version,day,client,cli,at_ms");
        assertThat(lines.get(1)).contains("," + PUBLIC + ",1.0.").contains("," + day + ",").endsWith(
                "," + day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(store.events(day.toString())).isZero();
        assertThat(store.archiveOf(day.toString())).hasValueSatisfying(a -> assertThat(a.events()).isEqualTo(300));
        assertThat(total(PUBLIC)).as("the figures stay").isEqualTo(pairs);
    }

    /** The statistics' jobs on an archive store of the test's choosing (their own job runner, never started). */
    DownloadStats statsWith(ArchiveStore archive) {
        Jobs jobs = new Jobs(server.hub().jobs(), Clock.systemUTC(), new JobSettings(1, Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(1)), new SimpleMeterRegistry());
        open.add(jobs);
        return new DownloadStats(store, jobs, archive, Clock.systemUTC(), DownloadStats.Settings.DEFAULT);
    }

    @Test
    @DisplayName("a day whose archive file cannot be written, or does not read back as written, keeps its events")
    void unwrittenDaysStay() {
        manyDownloads();
        store.rollUp(day.toString(), 1000);
        DownloadStats full = statsWith(new ArchiveStore() {
            @Override
            public void put(String key, Path content) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public Optional<InputStream> get(String key) {
                return Optional.empty();
            }
        });
        FolderArchiveStore folder = new FolderArchiveStore(tmp.resolve("torn"));
        DownloadStats torn = statsWith(new ArchiveStore() {
            @Override
            public void put(String key, Path content) throws IOException {
                Path half = tmp.resolve("half.gz");
                byte[] all = Files.readAllBytes(content);
                Files.write(half, java.util.Arrays.copyOf(all, all.length / 2));
                folder.put(key, half);
            }

            @Override
            public Optional<InputStream> get(String key) throws IOException {
                return folder.get(key);
            }
        });

        assertThatThrownBy(() -> full.archive(day.toString())).hasMessageContaining("No space left");
        assertThatThrownBy(() -> torn.archive(day.toString())).isNotNull();

        assertThat(store.events(day.toString())).isEqualTo(300);
        assertThat(store.archiveOf(day.toString())).isEmpty();
    }

    @Test
    @DisplayName("a day not rolled up is neither archived nor deleted")
    void unrolledDaysStay() {
        manyDownloads();
        assertThat(store.archivable(LocalDate.now(ZoneOffset.UTC).toString())).isEmpty();
        assertThatThrownBy(() -> store.deleteEvents(day.toString(), 100)).hasMessageContaining("not archived");
        assertThat(store.events(day.toString())).isEqualTo(300);
    }

    String get(String path, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                TestServers.url(server) + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return r.body();
    }

    @Test
    @DisplayName("the scheduled jobs roll up every day that ended and refresh the rankings, which show public courses "
            + "only, as do the course figures")
    void publicFiguresOnly() throws Exception {
        DownloadEvents events = recorder(day);
        for (int i = 0; i < 5; i++) {
            events.served(SECRET, "1.0.0", Optional.of("s" + i), "10.0.0.1", CLI);
            events.served(GONE, "1.0.0", Optional.of("g" + i), "10.0.0.1", CLI);
        }
        events.served(PUBLIC, "1.0.0", Optional.of("p"), "10.0.0.1", CLI);
        stored(events);

        server.downloadStats().tick();
        HubJobs jobs = server.hub().jobs();
        Eventually.await("the roll-ups and the refresh to run", Duration.ofMinutes(1),
                () -> store.top("all", 10).size() == 1
                        && jobs.counts().get(HubJobs.QUEUED) == 0 && jobs.counts().get(HubJobs.RUNNING) == 0);

        assertThat(store.rollUpOf(day.toString())).hasValueSatisfying(r -> assertThat(r.counted()).isEqualTo(11));
        assertThat(jobs.recent(50)).as("every job ran once, none failed").isNotEmpty()
                .allSatisfy(j -> assertThat(j.attempts()).as(j.kind() + " " + j.key()).isEqualTo(1));
        for (String period : List.of("7d", "30d", "all")) {
            assertThat(get("/api/v1/courses/top?period=" + period, 200)).isEqualTo("{\"period\":\"" + period
                    + "\",\"courses\":[{\"name\":\"" + PUBLIC + "\",\"downloads\":1}]}");
        }
        assertThat(get("/api/v1/courses/school/rust/stats?days=4", 200)).isEqualTo("{\"name\":\"" + PUBLIC
                + "\",\"total\":1,\"days\":[{\"day\":\"" + day.minusDays(1) + "\",\"downloads\":0},{\"day\":\""
                + day + "\",\"downloads\":1},{\"day\":\"" + day.plusDays(1) + "\",\"downloads\":0},{\"day\":\""
                + day.plusDays(2) + "\",\"downloads\":0}]}");
        assertThat(get("/api/v1/courses/@school/rust/stats", 200)).contains("\"total\":1");
        assertThat(get("/api/v1/courses/school/secret/stats", 404)).contains("no public course @school/secret")
                .doesNotContain("\"total\"");
        assertThat(get("/api/v1/courses/school/gone/stats", 404)).doesNotContain("\"total\"");
        assertThat(get("/api/v1/courses/top?period=1y", 400)).contains("7d, 30d or all");
        assertThat(get("/api/v1/courses/top?limit=0", 400)).contains("from 1 to 100");
    }

    @Test
    @DisplayName("recording never blocks a download: with the queue full, downloads are dropped and counted as such")
    void fullQueueDrops() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        DownloadEvents events = new DownloadEvents(store, Clock.systemUTC(), 1, 1, metrics);
        open.add(events);
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            events.served(PUBLIC, "1.0.0", Optional.empty(), "10.0.0." + (i % 250), CLI);
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        events.close();

        double dropped = metrics.get("progy.downloads.dropped").counter().count();
        double recorded = metrics.get("progy.downloads.recorded").counter().count();
        assertThat(dropped).isPositive();
        assertThat(dropped + recorded).isEqualTo(20_000);
        assertThat(tookMs).as("20 000 downloads told, in ms").isLessThan(2_000);
    }

    @Test
    @DisplayName("closing stores every download still queued")
    void closingDrains() {
        DownloadEvents events = recorder(day);
        for (int i = 0; i < 2_000; i++) {
            events.served(PUBLIC, "1.0.0", Optional.of(Integer.toString(i)), "10.0.0.1", CLI);
        }
        events.close();
        assertThat(store.events(day.toString())).isEqualTo(2_000);
    }
}
