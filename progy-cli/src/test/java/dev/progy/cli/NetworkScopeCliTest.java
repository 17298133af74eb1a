package dev.progy.cli;

import dev.progy.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a student sees of a runner's network scope outside the container engines' egress proxy: the consent names
 * and records the hosts of an allowlist (and is asked again when the list grows); a host runner with an allowlist
 * gets no network where bubblewrap isolates it, and says so; a docker-compose runner asking for the network is
 * refused with the reason, without a question first.
 */
class NetworkScopeCliTest {

    @TempDir
    Path tmp;
    private CliHarness cli;

    @BeforeEach
    void harness() {
        cli = new CliHarness(tmp);
        cli.env.put("NO_COLOR", "1");
    }

    /** A course whose process runner lists {@code hosts} and prints how many network interfaces besides loopback it sees. */
    private void hostCourse(String hosts) throws IOException {
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "scope-course", "name": "Scoped network",
                 "runners": [{"id": "fetch", "type": "process", "command": "sh", "args": ["runner/check.sh"],
                              "network_access": {"allow": [%s]}}],
                 "progression": {"mode": "open"}}
                """.formatted(hosts));
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"),
                "echo \"interfaces besides loopback: $(grep ':' /proc/net/dev | grep -vc ' lo:')\"\n");
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_fetch"));
        Files.writeString(ex.resolve("README.md"), "# Fetch\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo fetch\n");
    }

    private CliHarness.Result run(String input, String... more) {
        String[] args = new String[more.length + 5];
        System.arraycopy(new String[] {"run", "01_fetch", "-v", "-C", "ws"}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return cli.runWithInput(new StringReader(input), args);
    }

    private String manifest() throws IOException {
        return Files.readString(tmp.resolve("ws").resolve(Workspace.MANIFEST));
    }

    @Test
    @DisplayName("the consent names the allowlist's hosts and records them; a course whose list grows asks again, naming the new list")
    void consentRecordsHosts() throws IOException {
        hostCourse("\"pypi.org\"");
        assertThat(cli.run("init", tmp.resolve("course").toString(), "ws").code()).isZero();
        cli.terminal = true;
        CliHarness.Result first = run("y\n");
        assertThat(first.err()).contains("Allow access to pypi.org for this course? [y/N]", "allowed: pypi.org");
        assertThat(manifest()).contains("\"networkHosts\"", "\"pypi.org\"");

        CliHarness.Result second = run("");
        assertThat(second.err()).doesNotContain("[y/N]").contains("sandbox relaxed: network access to pypi.org");

        hostCourse("\"pypi.org\", \"files.pythonhosted.org\"");
        assertThat(cli.run("init", tmp.resolve("course").toString(), "ws").code()).isZero();
        CliHarness.Result grown = run("y\n");
        assertThat(grown.err()).contains("now asks for network access to pypi.org, files.pythonhosted.org, more than"
                + " you agreed to", "(pypi.org)", "Allow access to pypi.org, files.pythonhosted.org for this course? [y/N]");
        assertThat(manifest()).contains("\"files.pythonhosted.org\"");
        assertThat(run("").err()).doesNotContain("[y/N]");
    }

    @Test
    @DisplayName("a host runner with an allowlist, isolated by bubblewrap, runs without network and says the allowlist needs a container engine")
    void hostRunnerWithAllowlistGetsNoNetwork() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")),
                "bubblewrap is not installed here");
        hostCourse("\"pypi.org\"");
        assertThat(cli.run("init", tmp.resolve("course").toString(), "ws").code()).isZero();
        CliHarness.Result r = run("", "--allow-network");
        assertThat(r.out()).as(r.toString()).contains("this runner may reach only pypi.org, which needs a container"
                + " engine (a docker-file runner); a host run gets no network at all", "interfaces besides loopback: 0");
    }

    @Test
    @DisplayName("a docker-compose runner that asks for the network is refused with the reason and the fix, and nothing is asked")
    void composeRunnerAskingForNetworkIsRefused() throws IOException {
        Path c = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(c.resolve("course.json"), """
                {"id": "compose-net", "name": "Compose with network",
                 "runners": [{"id": "stack", "type": "docker-compose", "compose_file": "docker-compose.yml",
                              "service_to_run": "test", "command": "sh", "args": ["runner/check.sh"], "network_access": true}],
                 "progression": {"mode": "open"}}
                """);
        Files.writeString(c.resolve("docker-compose.yml"), """
                services:
                  test:
                    image: progy/busybox:test
                """);
        Files.createDirectories(c.resolve("runner"));
        Files.writeString(c.resolve("runner/check.sh"), "echo ran\n");
        Path ex = Files.createDirectories(c.resolve("content/01_basics/01_fetch"));
        Files.writeString(ex.resolve("README.md"), "# Fetch\n");
        Files.writeString(ex.resolve("exercise.sh"), "echo fetch\n");
        CliHarness.Result init = cli.run("init", c.toString(), "ws");
        assertThat(init.code()).as(init.toString()).isZero();
        cli.terminal = true;
        CliHarness.Result r = run("y\n");
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.err()).doesNotContain("[y/N]").contains("is a docker-compose runner and asks for network access",
                "remove network_access from that runner");
        assertThat(r.out()).doesNotContain("ran");
    }
}
