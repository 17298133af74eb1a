package dev.progy.runner.docker;

import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.model.Progression;
import dev.progy.model.RunResult;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the median wall time of N cold runs and N warm re-runs of a trivial exercise ({@code sh runner/check.sh},
 * which exits 0) through {@link DockerRunner}, on the engine at {@code DOCKER_HOST}; each time is the whole
 * {@code Runner.run} call as a caller sees it. Between runs it pauses (untimed), as a student edits between two
 * checks in {@code progy watch}; a warm runner tidies its container then. Arguments: [runs, default 20]
 * [pause in ms, default 300; 0 runs them back to back].
 */
final class WarmVersusCold {

    private WarmVersusCold() { }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long pauseMs = args.length > 1 ? Long.parseLong(args[1]) : 300;
        Path root = Files.createTempDirectory("progy-warm-bench-");
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        Files.createDirectories(workspace.resolve("runner"));
        Files.writeString(workspace.resolve("runner/check.sh"), "exit 0\n");
        Files.writeString(Files.createDirectories(workspace.resolve("content/01_basics/01_hello")).resolve("exercise.sh"),
                "echo hello\n");
        Path courseRoot = Files.createDirectories(root.resolve("course"));
        Exercise hello = new Exercise("01_basics/01_hello", "01_basics", "01_hello", "Hello", Exercise.DEFAULT_XP, "",
                List.of(), List.of(), List.of(), "exercise.sh", Optional.empty(), Optional.empty());
        RunnerSpec spec = RunnerSpec.builder("check", RunnerType.DOCKER_FILE).command("sh")
                .args(List.of("runner/check.sh", "{{exercise}}")).imageTag(DockerEngine.IMAGE).build();
        Course course = new Course("bench", "Bench", "1.0.0", "", courseRoot, courseRoot.resolve("content"),
                List.of(spec), Progression.DEFAULT, Setup.NONE,
                List.of(new CourseModule("01_basics", "Basics", "", "", List.of(), List.of(hello))));
        RunRequest request = new RunRequest(course, hello, spec, workspace, Duration.ofSeconds(30), Map.of());

        try {
            compare(request, runs, pauseMs);
        } finally {
            try (var all = Files.walk(root)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void compare(RunRequest request, int runs, long pauseMs) {
        DockerRunnerProvider provider = new DockerRunnerProvider();
        List<Long> cold = time(provider.create(ProviderConfig.empty()), request, runs, pauseMs);
        List<Long> warm = time(provider.create(ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true"))), request,
                runs, pauseMs);
        double coldMs = median(cold) / 1e6, warmMs = median(warm) / 1e6;
        System.out.printf(Locale.ROOT, "pause between runs: %d ms (untimed)%n", pauseMs);
        System.out.printf(Locale.ROOT, "cold: median %.1f ms of %d runs (min %.1f, max %.1f)%n", coldMs, runs,
                Collections.min(cold) / 1e6, Collections.max(cold) / 1e6);
        System.out.printf(Locale.ROOT, "warm: median %.1f ms of %d re-runs (min %.1f, max %.1f)%n", warmMs, runs,
                Collections.min(warm) / 1e6, Collections.max(warm) / 1e6);
        System.out.printf(Locale.ROOT, "warm re-runs are %.1fx faster%n", coldMs / warmMs);
    }

    /** Times {@code runs} runs after one untimed run (which, warm, makes the container). */
    private static List<Long> time(Runner runner, RunRequest request, int runs, long pauseMs) {
        try (runner) {
            check(runner.run(request));
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                pause(pauseMs);
                long t0 = System.nanoTime();
                check(runner.run(request));
                times.add(System.nanoTime() - t0);
            }
            return times;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void check(RunResult result) {
        if (result.status() != RunResult.Status.PASS) {
            throw new IllegalStateException("the trivial exercise did not pass: " + result);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
