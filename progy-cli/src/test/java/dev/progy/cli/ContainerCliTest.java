package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.progy.ProgyJson;
import dev.progy.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
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
    @DisplayName("doctor names the engine container courses run on, and fails when the chosen one is not there")
    void doctor() {
        CliHarness.Result r = cli.run("doctor", "--json", "--engine", ENGINE);
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode n = ProgyJson.parse(r.out());
        assertThat(n.path("containerEngine").asText()).isEqualTo(ENGINE);
        assertThat(n.path("runners").findValuesAsText("id")).contains("host", "docker");

        CliHarness.Result text = cli.run("doctor", "--engine", ENGINE);
        assertThat(text.out()).contains("container courses run on: docker");

        CliHarness.Result missing = cli.run("doctor", "--json", "--engine", "no-such-engine");
        assertThat(missing.code()).isEqualTo(ExitCode.FAILED);
        assertThat(ProgyJson.parse(missing.out()).path("containerEngine").isNull()).isTrue();
    }
}
