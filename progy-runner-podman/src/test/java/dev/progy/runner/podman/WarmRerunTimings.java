package dev.progy.runner.podman;

import dev.progy.model.RunResult;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures a trivial exercise ({@code echo ok}) run cold (a container per run) and warm (exec in a kept
 * container), {@code N} times each after one unmeasured run, and prints the medians. Warm runs are measured back to
 * back (each waits for the tidying-up after the one before) and paced as in {@code progy watch} (a pause, not
 * measured, lets the tidying-up end first). Not a test: figures for the benchmarks' README. Run with the test class path, e.g. from the module:
 * {@code java -cp target/test-classes:target/classes:<dependencies> dev.progy.runner.podman.WarmRerunTimings 20}.
 */
final class WarmRerunTimings {

    private WarmRerunTimings() { }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Files.createTempDirectory("progy-warm-timings");
        KitCourse kit = new KitCourse(root).script("echo ok\n");
        ProviderConfig warm = ProviderConfig.of(Map.of(RunnerProvider.WARM_KEY, "true"));
        double cold = median(ProviderConfig.empty(), kit, n, 0);
        double backToBack = median(warm, kit, n, 0);
        double paced = median(warm, kit, n, 500);
        System.out.printf("podman, %d runs each: cold median %.1f ms; warm re-run median %.1f ms back to back"
                + " (%.1fx), %.1f ms paced (%.1fx)%n", n, cold, backToBack, cold / backToBack, paced, cold / paced);
    }

    private static double median(ProviderConfig config, KitCourse kit, int n, long pauseMs) throws InterruptedException {
        List<Double> ms = new ArrayList<>();
        try (Runner runner = new PodmanRunnerProvider().create(config)) {
            check(runner.run(kit.request(Duration.ofSeconds(30))));
            for (int i = 0; i < n; i++) {
                Thread.sleep(pauseMs);
                long t0 = System.nanoTime();
                check(runner.run(kit.request(Duration.ofSeconds(30))));
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        ms.sort(Double::compare);
        return n % 2 == 1 ? ms.get(n / 2) : (ms.get(n / 2 - 1) + ms.get(n / 2)) / 2;
    }

    private static void check(RunResult r) {
        if (r.status() != RunResult.Status.PASS || !r.output().equals("ok\n")) {
            throw new IllegalStateException("unexpected run: " + r.status() + " " + r.output());
        }
    }
}
