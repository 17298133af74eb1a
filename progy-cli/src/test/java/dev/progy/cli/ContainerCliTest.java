package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI around container courses on a real Docker Engine: the network question, doctor and gc. */
class ContainerCliTest {

    private static final String ENGINE = "docker";

    @TempDir
    Path tmp;
    private CliHarness cli;

    @BeforeEach
    void engineReady() {
        Engines.requireOrSkip(tmp, ENGINE);
        cli = new CliHarness(tmp);
        cli.env.put("NO_COLOR", "1");
    }

    /** A busybox course whose runner asks for network access and passes only when it has a network interface. */
    private void networkCourse() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "net-course", "name": "Needs the network",
                 "runners": [{"id": "net", "type": "docker-file", "command": "sh", "args": ["runner/check.sh"],
                              "network_access": true}],
                 "progression": {"mode": "open"}}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM " + System.getenv().getOrDefault("PROGY_TEST_IMAGE",
                "progy/busybox:test") + "\n");
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"),
                "if grep -q eth0 /proc/net/dev; then echo 'network: yes'; else echo 'network: no'; exit 1; fi\n");
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_fetch"));
        Files.writeString(ex.resolve("README.md"), "# Fetch\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo fetch\n");
        assertThat(cli.run("init", c.toString(), "ws").code()).isZero();
    }

    private CliHarness.Result run(String input, String... more) {
        String[] all = Stream.concat(Stream.of("run", "01_fetch", "-v", "-C", "ws", "--engine", ENGINE),
                Stream.of(more)).toArray(String[]::new);
        return cli.runWithInput(new StringReader(input), all);
    }

    @Test
    @DisplayName("a course asking for network access: asked once on a terminal, the answer recorded and honoured")
    void networkQuestionAskedOnce() throws IOException {
        networkCourse();
        cli.terminal = true;
        CliHarness.Result first = run("n\n");
        assertThat(first.err()).contains("asks for network access", "Allow network access for this course? [y/N]",
                "declined");
        assertThat(first.out()).contains("network: no");
        assertThat(first.code()).isEqualTo(ExitCode.FAILED);
        assertThat(Files.readString(tmp.resolve("ws").resolve(Workspace.MANIFEST))).contains("networkDeclined");

        CliHarness.Result second = run("");
        assertThat(second.err()).doesNotContain("[y/N]").contains("you declined");
        assertThat(second.out()).contains("network: no");

        CliHarness.Result allowed = run("", "--allow-network");
        assertThat(allowed.code()).as(allowed.toString()).isZero();
        assertThat(allowed.out()).contains("network: yes");
        assertThat(allowed.err()).contains("network access allowed");
        CliHarness.Result later = run("");
        assertThat(later.out()).contains("network: yes");
        assertThat(later.err()).contains("sandbox relaxed: network access");

        CliHarness.Result denied = run("", "--deny-network");
        assertThat(denied.out()).contains("network: no");
    }

    @Test
    @DisplayName("without a terminal nothing is asked: the run goes without network and says how to allow it")
    void noTerminalNoQuestion() throws IOException {
        networkCourse();
        CliHarness.Result r = run("y\n");
        assertThat(r.err()).doesNotContain("[y/N]").contains("runs without it", "--allow-network");
        assertThat(r.out()).contains("network: no");
        assertThat(Files.readString(tmp.resolve("ws").resolve(Workspace.MANIFEST))).doesNotContain("networkConsent");
    }

    @Test
    @DisplayName("gc removes the container of a run whose progy was killed with SIGKILL, and nothing of a live one")
    void gcRemovesWhatAKilledRunLeft() throws Exception {
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "gc-course", "name": "Sleeps",
                 "runners": [{"id": "box", "type": "docker-file", "command": "sh", "args": ["runner/check.sh"],
                              "timeout_seconds": 600}]}
                """);
        Files.writeString(c.resolve("Dockerfile"), "FROM " + System.getenv().getOrDefault("PROGY_TEST_IMAGE",
                "progy/busybox:test") + "\n");
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), "echo started\nsleep 600\n");
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_sleep"));
        Files.writeString(ex.resolve("README.md"), "# Sleep\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo\n");
        assertThat(cli.run("init", c.toString(), "ws").code()).isZero();

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "-C", "ws", "--engine", ENGINE).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("progy.log").toFile());
        Process progy = pb.start();
        String pidLabel = "dev.progy.pid=" + progy.pid();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (dockerPs(pidLabel).isEmpty() && System.nanoTime() < deadline) {
                assertThat(progy.isAlive()).as(Files.readString(tmp.resolve("progy.log"))).isTrue();
                Thread.sleep(50);
            }
            assertThat(dockerPs(pidLabel)).as("the run's container").hasSize(1);
            CliHarness.Result whileAlive = cli.run("gc", "--dry-run", "--json", "--engine", ENGINE);
            assertThat(whileAlive.out()).as("a live run's container is not a leftover").doesNotContain(dockerPs(pidLabel).get(0));
        } finally {
            progy.destroyForcibly(); // SIGKILL: no exit hook runs
            progy.waitFor(20, TimeUnit.SECONDS);
        }
        String left = dockerPs(pidLabel).get(0);
        CliHarness.Result dry = cli.run("gc", "--dry-run", "--json", "--engine", ENGINE);
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(CliJson.parse(dry.out()).path("found").findValuesAsText("id")).anyMatch(id -> id.startsWith(left));
        assertThat(dockerPs(pidLabel)).as("a dry run removes nothing").hasSize(1);

        CliHarness.Result gc = cli.run("gc", "--engine", ENGINE);
        assertThat(gc.code()).as(gc.toString()).isZero();
        assertThat(gc.out()).contains("removed docker container");
        assertThat(dockerPs(pidLabel)).isEmpty();
    }

    /** Short ids of the containers (stopped ones too) with this label, through the engine's own CLI. */
    private static List<String> dockerPs(String label) throws IOException, InterruptedException {
        String cli = Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
        Process p = new ProcessBuilder(cli, "-H", System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"),
                "ps", "-a", "-q", "--filter", "label=" + label).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    @DisplayName("doctor names the engine container courses run on, and fails when the chosen one is not there")
    void doctor() {
        CliHarness.Result r = cli.run("doctor", "--json", "--engine", ENGINE);
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode n = CliJson.parse(r.out());
        assertThat(n.path("containerEngine").asText()).isEqualTo(ENGINE);
        assertThat(n.path("runners").findValuesAsText("id")).contains("host", "docker");

        CliHarness.Result text = cli.run("doctor", "--engine", ENGINE);
        assertThat(text.out()).contains("container courses run on: docker");

        // a name no engine has is a mistyped command line, refused before anything is looked at
        CliHarness.Result missing = cli.run("doctor", "--json", "--engine", "no-such-engine");
        assertThat(missing.code()).isEqualTo(ExitCode.USAGE);
        assertThat(CliJson.parse(missing.out()).path("error").asText()).contains("--engine cannot be 'no-such-engine'");
    }
}
