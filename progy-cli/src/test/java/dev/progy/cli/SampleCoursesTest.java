package dev.progy.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exercise of both sample courses, through the real CLI path: the starter must fail, the solution must pass,
 * and passing unlocks the next exercise.
 */
class SampleCoursesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java-basics", "python-original"})
    @DisplayName("in each sample course every starter fails and every solution passes, in course order")
    void everyStarterFailsAndEverySolutionPasses(String course) throws IOException {
        walkCourse(course);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"java-basics, docker", "python-original, docker", "java-basics, podman", "python-original, podman"})
    @DisplayName("the container variant of each sample course gives the same verdicts, sandboxed on a real engine")
    void containerVariant(String course, String engine) throws IOException {
        Engines.requireOrSkip(tmp, engine);
        walkCourse(course, "--runner", "container", "--engine", engine);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"python-original, host", "python-original, docker", "java-basics, podman"})
    @DisplayName("progy guard --run finds the same: every starter fails and every solution passes, on the host or in a container")
    void guardRunsEverySolution(String course, String engine) {
        List<String> args = new ArrayList<>(List.of("guard", CliHarness.example(course).toString(), "--run", "--no-color"));
        if (!engine.equals("host")) {
            Engines.requireOrSkip(tmp, engine);
            args.addAll(List.of("--runner", "container", "--engine", engine));
        }
        CliHarness.Result r = new CliHarness(tmp).run(args.toArray(String[]::new));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ passes: 0 errors, 0 warnings, 0 notes");
    }

    /** Runs every exercise of the course in order: the starter must fail, the solution must pass. */
    private void walkCourse(String course, String... runArgs) throws IOException {
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result init = cli.run("init", CliHarness.example(course).toString(), "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        Path ws = tmp.resolve("ws");
        List<String> ids = new ArrayList<>();
        CliJson.parse(cli.run("list", "--json", "-C", "ws").out()).forEach(n -> ids.add(n.get("id").asText()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(course.equals("java-basics") ? 6 : 4);

        for (String id : ids) {
            CliHarness.Result starter = cli.run(args("run", id, "-C", "ws", runArgs));
            assertThat(starter.code()).as("starter of %s must fail\n%s", id, starter).isIn(ExitCode.FAILED, ExitCode.RUN_ERROR);

            Path exerciseDir = ws.resolve("content").resolve(id);
            copySolution(CliHarness.example(course).resolve("content").resolve(id), exerciseDir);
            CliHarness.Result solution = cli.run(args("run", id, "-C", "ws", runArgs));
            assertThat(solution.code()).as("solution of %s must pass\n%s", id, solution).isZero();
            assertThat(solution.out()).contains("✓ passed");
        }
        CliHarness.Result done = cli.run("run", "--json", "-C", "ws");
        assertThat(CliJson.parse(done.out()).get("complete").asBoolean()).as(done.toString()).isTrue();
        assertThat(cli.run("run", "-C", "ws").out()).contains("Every exercise has passed");
        CliHarness.Result progress = cli.run("progress", "--json", "-C", "ws");
        assertThat(CliJson.parse(progress.out()).at("/stats/exercisesPassed").asInt()).isEqualTo(ids.size());
    }

    private static String[] args(String command, String id, String dirFlag, String dir, String... more) {
        List<String> all = new ArrayList<>(List.of(command, id, dirFlag, dir));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The course's solution is a {@code solution/} folder or a {@code solution.<ext>} file replacing the entry file. */
    private static void copySolution(Path courseExercise, Path studentExercise) throws IOException {
        Path folder = courseExercise.resolve("solution");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path dest = studentExercise.resolve(folder.relativize(f).toString());
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return;
        }
        try (Stream<Path> files = Files.list(courseExercise)) {
            Path solution = files.filter(f -> f.getFileName().toString().startsWith("solution.")).findFirst().orElseThrow();
            String ext = solution.getFileName().toString().substring("solution".length());
            try (Stream<Path> entries = Files.list(studentExercise)) {
                Path entry = entries.filter(f -> {
                    String n = f.getFileName().toString();
                    return n.endsWith(ext) && (n.startsWith("exercise.") || n.startsWith("main.") || n.startsWith("Main."));
                }).findFirst().orElseThrow();
                Files.copy(solution, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
