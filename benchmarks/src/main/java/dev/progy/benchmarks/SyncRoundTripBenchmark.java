package dev.progy.benchmarks;

import dev.progy.internal.progress.FileProgressStoreProvider;
import dev.progy.internal.progress.ProgressLedger;
import dev.progy.model.CourseProgress;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.server.ProgyServer;
import dev.progy.server.ServerConfig;
import dev.progy.spi.ProgressStore;
import dev.progy.spi.ProviderConfig;
import dev.progy.sync.progress.ProgressSync;
import dev.progy.sync.progress.SqliteProgressStoreProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Delta sync of a course of 1 000 exercises, every one attempted, after one more run of one exercise: a workspace's
 * SQLite database, the HTTP client, progy-server on loopback with its hub on SQLite. Measures the round trip (p50,
 * p99: SampleTime) and, through a counting proxy, the bytes on the wire of each sync (request and response, HTTP
 * headers included), printed at the end next to the size of the same progress as the original Progy's one JSON
 * blob, which it sent whole on every save.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SyncRoundTripBenchmark {

    static final String COURSE = "big-course";
    static final int EXERCISES = 1000;

    private Path dir;
    private ProgyServer server;
    private CountingProxy proxy;
    private ProgressStore store;
    private ProgressSync sync;
    private long syncs;
    private long blobBytes;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("progy-bench-sync");
        server = ProgyServer.start(ServerConfig.load(Map.of("db", "sqlite:" + dir.resolve("server.db"),
                "host", "127.0.0.1", "port", "0", "connections", "1", "rate-write", "100000000/1m"), Map.of()));
        String token = server.accounts().create("ada");
        proxy = new CountingProxy(server.port());
        Path progy = dir.resolve("laptop/.progy");
        store = SqliteProgressStoreProvider.at(progy);
        store.update(COURSE, p -> {
            for (int i = 0; i < EXERCISES; i++) {
                p = record(p, exercise(i), i % 3 != 0);
            }
            return p;
        });
        sync = ProgressSync.open(progy, ProviderConfig.of(Map.of(ProgressSync.SERVER_KEY, proxy.url(),
                ProgressSync.TOKEN_KEY, token)));
        sync.sync(); // the first sync sends all 1 001 records; the benchmark is about the ones after
        // the whole progress as the file store writes it: the original's progress.json shape
        Path blobDir = Files.createTempDirectory("progy-blob");
        CourseProgress whole = store.load(COURSE);
        FileProgressStoreProvider.at(blobDir).update(COURSE, p -> whole);
        try (var files = Files.list(blobDir)) {
            blobBytes = Files.size(files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow());
        }
        proxy.up.set(0);
        proxy.down.set(0);
    }

    @Setup(Level.Invocation)
    public void changeOneExercise() {
        String id = exercise(run++ % EXERCISES);
        store.update(COURSE, p -> record(p, id, false)); // one more failed attempt, the same day
    }

    @Benchmark
    public ProgressSync.SyncReport syncOneChange() {
        syncs++;
        return sync.sync();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long perSync = (proxy.up.get() + proxy.down.get()) / Math.max(1, syncs);
        System.out.printf("%nwire bytes per sync of one changed exercise: %d (up %d, down %d, over %d syncs);"
                        + " the whole progress as one blob: %d bytes; ratio %.2f %%%n", perSync,
                proxy.up.get() / Math.max(1, syncs), proxy.down.get() / Math.max(1, syncs), syncs, blobBytes,
                100.0 * perSync / blobBytes);
        sync.close();
        store.close();
        proxy.close();
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String exercise(int i) {
        return "%02d_module/%03d_exercise".formatted(i / 50 + 1, i % 50 + 1);
    }

    static CourseProgress record(CourseProgress p, String exerciseId, boolean pass) {
        RunResult result = new RunResult(pass ? RunResult.Status.PASS : RunResult.Status.FAIL,
                RunResult.Termination.NORMAL, "", List.of(), List.of(), "", false, OptionalInt.of(pass ? 0 : 1),
                OptionalInt.empty(), Duration.ZERO, RunResult.Source.EXIT_CODE);
        String[] parts = exerciseId.split("/");
        Exercise exercise = new Exercise(exerciseId, parts[0], parts[1], exerciseId, Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.py", Optional.empty(), Optional.empty());
        return ProgressLedger.recordRun(p, exercise, result, Instant.parse("2026-03-02T09:00:00Z"));
    }
}
