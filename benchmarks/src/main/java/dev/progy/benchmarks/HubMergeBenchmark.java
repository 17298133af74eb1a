package dev.progy.benchmarks;

import dev.progy.model.ProgressRecord;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.wire.RecordJson;
import dev.progy.sync.wire.SyncRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Server-side merge throughput, in records per second on one thread (issue 6: ≥ 100 000).
 *
 * <ul>
 *   <li>{@code mergePush} — the whole push path, what the hub does per request without HTTP: a push of
 *       {@value #BATCH} records read from its JSON body and merged into the stored records of an account that holds
 *       {@value #STORED}, every record changed by the push (so every one is read from the database, decoded, merged,
 *       encoded, given a sequence number and written), in one transaction. {@code -p backend=postgresql} with
 *       PROGY_TEST_POSTGRES_URL set measures PostgreSQL instead of SQLite.</li>
 *   <li>{@code mergeJson} — the same work without a database: read the push's JSON, decode the stored texts of its
 *       items, merge, encode what changed.</li>
 *   <li>{@code mergeRecords} — the merge alone: {@link ProgressRecord#merge} of decoded pushed and stored records,
 *       and the equality check that tells whether a record changed.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class HubMergeBenchmark {

    static final int BATCH = 1000;
    static final int STORED = 10_000;

    /** A hub on SQLite or PostgreSQL, and the next push to send it. */
    @State(Scope.Benchmark)
    public static class Hub {

        @Param({"sqlite"})
        public String backend;

        private Path dir;
        private SyncHub hub;
        private HubAccount account;
        private byte[] body;
        private int round;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("progy-bench-hub");
            String db = backend.equals("postgresql") ? System.getenv("PROGY_TEST_POSTGRES_URL")
                    : "sqlite:" + dir.resolve("server.db");
            if (db == null) {
                throw new IllegalStateException("-p backend=postgresql needs PROGY_TEST_POSTGRES_URL (scripts/postgres.sh up)");
            }
            hub = SyncHub.open(db, 1, Clock.systemUTC());
            String name = "bench-" + UUID.randomUUID();
            account = hub.authenticate(hub.createAccount(name)).orElseThrow();
            for (int from = 0; from < STORED; from += BATCH) {
                hub.sync(account, new ByteArrayInputStream(request(from, 1)));
            }
        }

        @Setup(Level.Invocation)
        public void nextPush() throws IOException {
            round++;
            body = request((round * BATCH) % STORED, 1 + round);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            hub.close();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The stored records as the hub keeps them (texts) and decoded, and pushes that change each of them. */
    @State(Scope.Benchmark)
    public static class Records {

        private static final int PUSHES = STORED / BATCH;

        private final Map<ProgressRecord.Key, String> storedTexts = new HashMap<>();
        private final Map<ProgressRecord.Key, ProgressRecord> stored = new HashMap<>();
        private final byte[][] bodies = new byte[PUSHES][];
        private final List<List<ProgressRecord>> pushes = new ArrayList<>();
        private int round;

        @Setup(Level.Trial)
        public void setUp() throws IOException, RecordJson.Malformed {
            for (int from = 0; from < STORED; from += BATCH) {
                for (ProgressRecord r : SyncRequest.read(new ByteArrayInputStream(request(from, 1)), BATCH).push()) {
                    storedTexts.put(r.key(), RecordJson.text(r));
                    stored.put(r.key(), r);
                }
            }
            for (int i = 0; i < PUSHES; i++) {
                bodies[i] = request(i * BATCH, 2);
                pushes.add(SyncRequest.read(new ByteArrayInputStream(bodies[i]), BATCH).push());
            }
        }

        int next() {
            return round++ % PUSHES;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] mergePush(Hub hub) {
        return hub.hub.sync(hub.account, new ByteArrayInputStream(hub.body));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mergeJson(Records records, Blackhole out) throws IOException, RecordJson.Malformed {
        for (ProgressRecord pushed : SyncRequest.read(new ByteArrayInputStream(records.bodies[records.next()]), BATCH).push()) {
            ProgressRecord before = RecordJson.parse(records.storedTexts.get(pushed.key()));
            ProgressRecord after = before.merge(pushed);
            if (!after.equals(before)) {
                out.consume(RecordJson.text(after));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mergeRecords(Records records, Blackhole out) {
        for (ProgressRecord pushed : records.pushes.get(records.next())) {
            ProgressRecord before = records.stored.get(pushed.key());
            ProgressRecord after = before.merge(pushed);
            out.consume(after.equals(before) ? before : after);
        }
    }

    /** A push of records {@code from..from+BATCH}, each with {@code attempts} attempts on a second device. */
    private static byte[] request(int from, long attempts) throws IOException {
        List<ProgressRecord> records = new ArrayList<>(BATCH);
        for (int i = from; i < from + BATCH; i++) {
            records.add(new ProgressRecord(new ProgressRecord.Key("big-course", ProgressRecord.Kind.EXERCISE,
                    SyncRoundTripBenchmark.exercise(i % 1000) + "-" + i / 1000), ProgressRecord.Status.ATTEMPTED,
                    Map.of("6f1c2a9e-laptop", 3L, "0b7d4e21-desktop", attempts),
                    Optional.of(Instant.parse("2026-03-02T09:00:00Z")), 0, 1, 10,
                    Optional.of(new ProgressRecord.LatestAttempt(attempts, "0b7d4e21-desktop",
                            Optional.of(Instant.parse("2026-03-02T09:00:00Z")),
                            dev.progy.model.ExerciseProgress.Status.FAIL, 0, 0)),
                    new TreeSet<LocalDate>(), new TreeSet<String>(), 0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyncRequest(UUID.randomUUID().toString(), "0b7d4e21-desktop", 0, 100, records).write(out);
        return out.toByteArray();
    }
}
