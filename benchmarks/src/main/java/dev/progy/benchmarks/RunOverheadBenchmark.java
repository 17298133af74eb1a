package dev.progy.benchmarks;

import dev.progy.Progy;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What {@code progy watch} adds to each re-run: {@link #viaProgy} is one re-run in a resident Progy (lock check,
 * host runner, result protocol, progress update, last-run record) of a course whose runner is {@code true};
 * {@link #direct} starts the same program with a bare {@link ProcessBuilder}. The difference of the two scores
 * is Progy's overhead per re-run (target ≤ 3 ms); {@link #runnerOnly} splits it into running the program (own
 * session, output capture, result protocol) and bookkeeping (lock check, progress, last-run record).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RunOverheadBenchmark {

    private Path tmp;
    private Progy progy;
    private Workspace workspace;
    private Exercise exercise;
    private String entry;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        tmp = Files.createTempDirectory("progy-bench-");
        Path course = BenchmarkCourse.write(tmp, "true");
        // -Dprogy.host.setsid=false shows what the run's own session costs
        progy = Progy.builder().config(ProviderConfig.fromSystem()).build();
        workspace = progy.init(course.toString(), tmp.resolve("ws"));
        exercise = workspace.course().exercises().get(0);
        entry = exercise.relativeEntryFile();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        progy.close();
    }

    @Benchmark
    public RunResult viaProgy() {
        return progy.run(workspace, exercise, RunListener.NONE);
    }

    /** The host runner alone (no lock check, no progress): separates running from bookkeeping. */
    @Benchmark
    public RunResult runnerOnly() {
        return progy.runner(RunnerType.PROCESS).run(RunRequest.of(workspace.course(), exercise, workspace.root()));
    }

    @Benchmark
    public int direct() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true", entry).directory(workspace.root().resolve("content").toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
