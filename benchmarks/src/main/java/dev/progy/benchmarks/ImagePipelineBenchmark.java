package dev.progy.benchmarks;

import dev.progy.assets.AssetOptimizer;
import dev.progy.assets.AssetOptions;
import dev.progy.assets.OptimizationReport;
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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole pipeline (scan, decode, encode, rewrite, commit) on a course of 24 images — 12 JPEG photos and 12 PNG
 * screenshots, 0.3 to 2 megapixels, each named by an exercise README — with 1 and with 2 workers, written to a new
 * output folder each time (the source stays as it is).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ImagePipelineBenchmark {

    @Param({"1", "2"})
    public int workers;

    private Path dir;
    private Path course;
    private int run;

    @Setup(Level.Trial)
    public void writeCourse() throws IOException {
        dir = Files.createTempDirectory("progy-bench-images");
        Path corpus = dir.resolve("corpus");
        ImageCorpus.write(corpus);
        course = Files.createDirectories(dir.resolve("course"));
        Files.writeString(course.resolve("course.json"), "{\"id\": \"pics\", \"name\": \"Pics\", \"runners\": [{\"id\": \"sh\"}]}\n");
        int n = 0;
        for (int copy = 0; copy < 4; copy++) {
            for (String size : ImageCorpus.SIZES) {
                for (String file : new String[] {"photo-" + size + ".jpg", "screenshot-" + size + ".png"}) {
                    n++;
                    String name = copy + "-" + file;
                    Files.createDirectories(course.resolve("assets"));
                    Files.copy(corpus.resolve(file), course.resolve("assets/" + name));
                    Path ex = Files.createDirectories(course.resolve("content/01_m/%02d_e".formatted(n)));
                    Files.writeString(ex.resolve("README.md"), "# E\n\n![picture](../../../assets/" + name + ")\n");
                }
            }
        }
    }

    @Benchmark
    public OptimizationReport optimize() {
        Path out = dir.resolve("out-" + workers + "-" + run++);
        OptimizationReport report = AssetOptimizer.optimize(course, AssetOptions.builder().output(out).workers(workers).build());
        delete(out);
        return report;
    }

    @TearDown(Level.Trial)
    public void removeCourse() {
        delete(dir);
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
