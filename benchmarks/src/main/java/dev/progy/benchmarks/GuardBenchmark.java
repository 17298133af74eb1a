package dev.progy.benchmarks;

import dev.progy.CourseArchive;
import dev.progy.guard.Guard;
import dev.progy.guard.GuardReport;
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

/**
 * The Guard's static checks on a course of 1 000 files (issue 4: under 1 s on this machine): 10 modules × 25
 * exercises, each with a README linking its neighbours and an image, a Python starter and solution, a test file;
 * plus runner scripts and a Dockerfile; checked as its folder and as its {@code .progy} archive, read in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class GuardBenchmark {

    /** The course as its folder, or as its {@code .progy} archive read in place (never unpacked). */
    @Param({"folder", "archive"})
    public String form;

    private Path dir;
    private Path course;
    private Path checked;
    private long files;

    @Setup(Level.Trial)
    public void writeCourse() throws IOException {
        dir = Files.createTempDirectory("progy-bench-guard");
        course = Files.createDirectories(dir.resolve("big-course"));
        Files.writeString(course.resolve("course.json"), """
                {"id": "big", "name": "Big", "version": "1.0.0",
                 "runners": [{"id": "py", "type": "docker-file", "command": "python3", "args": ["runner/run.py", "{{exercise}}"]}]}
                """);
        Files.writeString(course.resolve("Dockerfile"), "FROM python:3.12-slim\nRUN pip install --no-cache-dir pytest==8.3.3\nUSER 1000\n");
        Files.createDirectories(course.resolve("runner"));
        Files.writeString(course.resolve("runner/run.py"), "import json, os, subprocess, sys\n".repeat(40));
        Files.createDirectories(course.resolve("assets"));
        Files.write(course.resolve("assets/diagram.png"), new byte[2048]);
        for (int m = 1; m <= 10; m++) {
            Path module = Files.createDirectories(course.resolve("content/%02d_module".formatted(m)));
            StringBuilder info = new StringBuilder("[module]\ntitle = \"Module " + m + "\"\n[exercises]\n");
            for (int e = 1; e <= 25; e++) {
                String name = "%02d_exercise".formatted(e);
                info.append('"').append(name).append("\" = \"Exercise ").append(e).append("\"\n");
                Path ex = Files.createDirectories(module.resolve(name));
                Files.writeString(ex.resolve("README.md"), "# Exercise " + e + "\n\n## Steps\n\nSee [the next one](../"
                        + "%02d_exercise/README.md#steps) and ![diagram](../../../assets/diagram.png).\n".formatted(Math.min(e + 1, 25))
                        + "Some prose about the task. ".repeat(30) + "\n\n```python\nprint('hi')\n```\n");
                Files.writeString(ex.resolve("exercise.py"), "def solve(xs):\n    # TODO\n    return None\n".repeat(10));
                Files.writeString(ex.resolve("solution.py"), "def solve(xs):\n    return sorted(xs)\n".repeat(10));
                Files.writeString(ex.resolve("test_exercise.py"), "from exercise import solve\n\ndef test_sorts():\n    assert solve([2, 1]) == [1, 2]\n".repeat(5));
            }
            Files.writeString(module.resolve("info.toml"), info.toString());
        }
        try (var all = Files.walk(course)) {
            files = all.filter(Files::isRegularFile).count();
        }
        if (files < 1000) {
            throw new IllegalStateException("the benchmark course has " + files + " files, not 1 000");
        }
        checked = course;
        if (form.equals("archive")) {
            checked = dir.resolve("big-course.progy");
            CourseArchive.pack(course, checked);
        }
    }

    @TearDown(Level.Trial)
    public void deleteCourse() throws IOException {
        try (var all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public GuardReport staticChecks() {
        GuardReport r = Guard.check(checked);
        if (!r.passed()) {
            throw new IllegalStateException("the benchmark course should pass: " + r.findings());
        }
        return r;
    }
}
