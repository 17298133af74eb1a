package dev.progy.benchmarks;

import dev.progy.Progy;
import dev.progy.model.Course;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Loading and checking a course of 10 exercises (course.json and info.toml parsing, schema checks, entry files). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CourseLoadBenchmark {
    private Path course;
    private Progy progy;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        course = BenchmarkCourse.write(Files.createTempDirectory("progy-bench-"), "true");
        progy = Progy.builder().build();
    }

    @Benchmark
    public Course load() {
        return progy.loadCourse(course);
    }
}
