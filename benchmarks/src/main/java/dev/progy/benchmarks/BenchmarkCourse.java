package dev.progy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal course whose runner is a program that does nothing, so a run measures Progy's own overhead. */
final class BenchmarkCourse {
    private BenchmarkCourse() { }

    /** Writes the course into {@code dir} and returns its root. */
    static Path write(Path dir, String command) throws IOException {
        Path root = Files.createDirectories(dir.resolve("bench-course"));
        Files.writeString(root.resolve("course.json"), """
                {"id": "bench", "name": "Benchmark", "version": "1.0.0",
                 "runners": [{"id": "noop", "type": "process", "command": "%s", "args": ["{{exercise}}"]}]}
                """.formatted(command));
        for (int m = 1; m <= 2; m++) {
            Path module = Files.createDirectories(root.resolve("content/0" + m + "_module"));
            StringBuilder toml = new StringBuilder("[module]\ntitle = \"Module " + m + "\"\n[exercises]\n");
            for (int e = 1; e <= 5; e++) {
                String name = "0" + e + "_exercise";
                toml.append('"').append(name).append("\" = \"Exercise ").append(e).append("\"\n");
                Path ex = Files.createDirectories(module.resolve(name));
                Files.writeString(ex.resolve("README.md"), "# Exercise " + e + "\n");
                Files.writeString(ex.resolve("exercise.sh"), "exit 0\n");
            }
            Files.writeString(module.resolve("info.toml"), toml.toString());
        }
        return root;
    }
}
