package dev.progy.benchmarks;

import dev.progy.model.Diagnostic;
import dev.progy.model.RunResult;
import dev.progy.sync.telemetry.TelemetryRecorder;
import dev.progy.sync.telemetry.TelemetryStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * What telemetry adds to one {@code progy run} (issue 16): {@link #record} is the work of the run's hook with
 * telemetry on — read the state, lock, normalise the failure's compiler message, append the event, write the state
 * back atomically — and with {@code consent=off} the check that telemetry is off. {@code queued} is how many events
 * wait already (10 000: the cap, so the oldest tenth is dropped now and then). {@link #firstRecordInFreshJvm} is the
 * same once in a new JVM, class loading and regular expressions compiled included: what one CLI process pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TelemetryRecordBenchmark {

    @Param({"on", "off"})
    public String consent;

    @Param({"0", "10000"})
    public int queued;

    private TelemetryRecorder recorder;
    private RunResult failed;
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path state = Files.createTempDirectory("progy-telemetry-bench-");
        TelemetryStore store = TelemetryStore.in(state);
        store.setConsent(true, Instant.now());
        recorder = new TelemetryRecorder(store, "@bench/course", "1.0.0");
        failed = compileError();
        for (int i = 0; i < queued; i++) {
            recorder.hint("m/e" + (i % 50), Instant.now());
        }
        if (consent.equals("off")) {
            store.setConsent(false, Instant.now());
        }
    }

    static RunResult compileError() {
        Diagnostic d = new Diagnostic(Diagnostic.Severity.ERROR, "incompatible types: String cannot be converted to int",
                "/home/student/ws/content/01/Main.java", OptionalInt.of(7), OptionalInt.of(12), "", "int n = s;", "");
        return new RunResult(RunResult.Status.ERROR, RunResult.Termination.NORMAL, "did not compile", List.of(),
                List.of(d), "", false, OptionalInt.of(1), OptionalInt.empty(), Duration.ofMillis(300),
                RunResult.Source.EXIT_CODE);
    }

    @Benchmark
    public void record() {
        recorder.run("01_basics/ex" + (n++ % 50), failed, Instant.now());
    }

    /** One run's telemetry in a JVM that has done nothing else: a CLI process's real, cold cost. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(20)
    public void firstRecordInFreshJvm() {
        record();
    }

    /** {@link #firstRecordInFreshJvm} for a hint: no failure to normalise, so no regular expressions compiled. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(20)
    public void firstHintInFreshJvm() {
        recorder.hint("01_basics/ex" + (n++ % 50), Instant.now());
    }
}
