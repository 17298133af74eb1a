package dev.progy.benchmarks;

import dev.progy.Progy;
import dev.progy.ProviderDiscovery;
import dev.progy.Workspace;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trivial exercise ({@code exit 0} in the course's busybox image) run three ways on one engine, side by side:
 * the engine's own CLI ({@code docker run --rm} / {@code podman --url … run --rm}) with the same sandbox flags
 * and mounts as the adapter; the adapter's cold run (a new container per run); and its warm re-run (an exec in a
 * container kept up, as {@code progy watch} does). Targets (issue 3): cold ≤ 1.15 × CLI, a warm re-run ≥ 3 × faster than a cold run.
 * Needs the engines of {@code scripts/engines.sh up} and its environment ({@code source /tmp/progy-engines/env}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ContainerRunBenchmark {

    @Param({"docker", "podman"})
    public String engine;

    private Path dir;
    private Progy progy;
    private RunRequest request;
    private Runner cold;
    private Runner warm;
    private List<String> engineCli;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String image = System.getenv().getOrDefault("PROGY_TEST_IMAGE", "progy/busybox:test");
        dir = Files.createTempDirectory("progy-bench-container");
        Path course = Files.createDirectories(dir.resolve("course"));
        Files.writeString(course.resolve("course.json"), """
                {"id": "bench-container", "name": "Benchmark", "version": "1.0.0",
                 "runners": [{"id": "box", "type": "docker-file",
                              "command": "sh", "args": ["runner/check.sh", "{{exercise}}"]}],
                 "progression": {"mode": "open"}}
                """);
        // built once by the adapter in setUp's first run; its layers are the base image's, which the CLI runs
        Files.writeString(course.resolve("Dockerfile"), "FROM " + image + "\n");
        Files.createDirectories(course.resolve("runner"));
        Files.writeString(course.resolve("runner/check.sh"), "exit 0\n");
        Path ex = Files.createDirectories(course.resolve("content/01_basics/01_noop"));
        Files.writeString(ex.resolve("README.md"), "# Noop\n");
        Files.writeString(ex.resolve("exercise.sh"), "exit 0\n");
        progy = Progy.builder().build();
        Workspace ws = progy.init(course.toString(), dir.resolve("ws"));
        Exercise noop = ws.course().modules().get(0).exercises().get(0);
        request = RunRequest.of(ws.course(), noop, ws.root());
        cold = ProviderDiscovery.using(ProviderConfig.of(Map.of(ProviderDiscovery.ENGINE_KEY, engine)))
                .runner(RunnerType.DOCKER_FILE);
        warm = ProviderDiscovery.using(ProviderConfig.of(Map.of(ProviderDiscovery.ENGINE_KEY, engine,
                RunnerProvider.WARM_KEY, "true"))).runner(RunnerType.DOCKER_FILE);
        engineCli = engineCli(image, ws.root(), ws.exerciseDir(noop), dir.resolve("out"));
        Files.createDirectories(dir.resolve("out"));
        passed(cold.run(request)); // builds the course's image outside the measurement
    }

    /** The engine's CLI running the same command in the same image with the adapter's flags and mounts. */
    private List<String> engineCli(String image, Path workspace, Path exerciseDir, Path out) {
        List<String> cmd = new ArrayList<>(engine.equals("docker")
                ? List.of(Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker",
                        "-H", System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"))
                : List.of("podman", "--url", System.getenv().getOrDefault("CONTAINER_HOST",
                        "unix:///run/podman/podman.sock")));
        cmd.addAll(List.of("run", "--rm", "--network", "none", "--read-only", "--tmpfs", "/tmp:size=64m",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--pids-limit", "128",
                "--memory", "512m", "--memory-swap", "512m", "--cpus", "1", "--user", "65534:65534",
                "-v", workspace + ":/workspace:ro",
                "-v", exerciseDir + ":/workspace/" + workspace.relativize(exerciseDir) + ":rw",
                "-v", out + ":/progy/out:rw", "-w", "/workspace",
                image, "sh", "runner/check.sh", "01_basics/01_noop/exercise.sh"));
        return cmd;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        cold.close();
        warm.close();
        progy.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int engineCliRunRm() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(engineCli).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("engine CLI exited " + code + ": " + engineCli);
        }
        return code;
    }

    @Benchmark
    public RunResult coldRun() {
        return passed(cold.run(request));
    }

    /** Back to back: each run also waits for the tidying of the container after the run before it. */
    @Benchmark
    public RunResult warmRunBackToBack() {
        return passed(warm.run(request));
    }

    /**
     * As in {@code progy watch}: a save comes a moment after the last result, and the container is tidied in that
     * pause (not measured), so the re-run pays for its exec only.
     */
    @Benchmark
    public RunResult warmReRunAfterSave(SaveInterval pause) {
        return passed(warm.run(request));
    }

    /** The time between a result and the next save, left out of the measurement. */
    @State(Scope.Thread)
    public static class SaveInterval {
        @Setup(Level.Invocation)
        public void studentEdits() throws InterruptedException {
            Thread.sleep(300);
        }
    }

    private static RunResult passed(RunResult r) {
        if (!r.passed()) {
            throw new IllegalStateException("the trivial exercise did not pass: " + r.summary() + "\n" + r.output());
        }
        return r;
    }
}
