package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code progy run} of a container exercise that writes without end, on both engines: stopped at the disk limit
 * (256 MiB by default, {@code disk_mb} in course.json), reported as "wrote too much" with exit 7, and the
 * student's disk keeps its space.
 */
class DiskLimitCliTest {

    @TempDir
    Path tmp;

    private CliHarness course(String engine, String check, String limit) throws IOException {
        Engines.requireOrSkip(tmp, engine);
        CliHarness cli = new CliHarness(tmp);
        cli.env.put("NO_COLOR", "1");
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "disk-course", "name": "Writes",
                 "runners": [{"id": "box", "type": "docker-file", "command": "sh", "args": ["runner/check.sh"],
                              "timeout_seconds": 60%s}]}
                """.formatted(limit));
        Files.writeString(c.resolve("Dockerfile"), "FROM " + System.getenv().getOrDefault("PROGY_TEST_IMAGE",
                "progy/busybox:test") + "\n");
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), check);
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_write"));
        Files.writeString(ex.resolve("README.md"), "# Write\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo\n");
        assertThat(cli.run("init", c.toString(), "ws").code()).isZero();
        // the container's user may write the exercise folder whoever runs the tests (as root it runs as nobody)
        Files.setPosixFilePermissions(tmp.resolve("ws/content/01_basics/01_write"),
                PosixFilePermissions.fromString("rwxrwxrwx"));
        return cli;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "podman"})
    @DisplayName("endless writes to $PROGY_OUTPUT_DIR are stopped at 256 MiB: 'wrote too much', exit 7")
    void endlessWritesToOutputFolder(String engine) throws IOException {
        CliHarness cli = course(engine, "echo writing\ncat /dev/zero > \"$PROGY_OUTPUT_DIR/results.json\"\n", "");
        long t0 = System.nanoTime();
        CliHarness.Result r = cli.run("run", "01_write", "-C", "ws", "--engine", engine);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUN_ERROR);
        assertThat(r.out()).as(r.toString()).contains("✗ disk limit reached — wrote too much (limit 256 MiB)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "podman"})
    @DisplayName("endless writes into the exercise folder are stopped at the course's disk_mb, and --json says disk_limit")
    void endlessWritesToExerciseFolder(String engine) throws IOException {
        CliHarness cli = course(engine, "cd /workspace/content/01_basics/01_write\necho writing\n"
                + "i=0\nwhile :; do i=$((i+1)); head -c 1048576 /dev/zero > \"junk-$i\" || exit 3; done\n",
                ", \"disk_mb\": 32");
        CliHarness.Result r = cli.run("run", "01_write", "-C", "ws", "--engine", engine);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUN_ERROR);
        assertThat(r.out()).as(r.toString()).contains("✗ disk limit reached — wrote too much (limit 32 MiB)");
        assertThat(folderBytes(tmp.resolve("ws/content/01_basics/01_write"))).isLessThan(1L << 30);

        JsonNode json = CliJson.parse(cli.run("run", "01_write", "--json", "-C", "ws", "--engine", engine).out());
        assertThat(json.get("termination").asText()).isEqualTo("disk_limit");
        assertThat(json.get("summary").asText()).isEqualTo("wrote too much (limit 32 MiB)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker", "podman"})
    @DisplayName("a run that writes a results file and a few MiB passes as before")
    void resultsFileStillArrives(String engine) throws IOException {
        CliHarness cli = course(engine, "head -c 3000000 /dev/zero > /workspace/content/01_basics/01_write/data\n"
                + "printf '{\"version\": 1, \"status\": \"pass\"}' > \"$PROGY_OUTPUT_DIR/results.json\"\nexit 1\n", "");
        CliHarness.Result r = cli.run("run", "01_write", "-C", "ws", "--engine", engine);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("✓ passed");
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
