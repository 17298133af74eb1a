package dev.progy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The common ways a command fails (a server that does not answer, a file that cannot be written, one that does not
 * exist, no container engine) read as what failed and what to do: never an exception's class name, a JDK package or
 * a stack trace.
 */
class FailureMessagesTest {

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp);
    }

    private static void readsWell(CliHarness.Result r) {
        assertThat(r.code()).as(r.toString()).isNotIn(ExitCode.OK, ExitCode.INTERNAL);
        assertThat(r.out() + r.err()).as(r.toString())
                .doesNotContain("Exception", "java.", "javax.", "\tat ", "org.eclipse", "com.fasterxml")
                .contains("fix");
    }

    @Test
    @DisplayName("sync to a server that does not answer names the server and says the progress waits for the next sync")
    void serverDown() throws IOException {
        assertThat(cli.run("init", CliHarness.example("python-original").toString(), "ws").code()).isZero();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + closed;
        CliHarness.Result r = cli.run("sync", "--server", url, "--token", "t0k3n", "-C", "ws");
        readsWell(r);
        assertThat(r.code()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(r.err()).contains(url, "nothing answered", "next sync").doesNotContain("t0k3n");

        JsonNode json = CliJson.parse(cli.run("sync", "--server", url, "--token", "t0k3n", "-C", "ws", "--json").out());
        assertThat(json.path("error").asText()).contains(url).doesNotContain("Exception");
    }

    @Test
    @DisplayName("a file that cannot be written is named, with why, for pack, init and optimize")
    void unwritable() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "a file, not a folder\n");
        String course = CliHarness.example("python-original").toString();
        for (String[] args : List.of(new String[] {"pack", course, "-o", "notes.txt/course.progy"},
                new String[] {"init", course, "notes.txt/ws"},
                new String[] {"optimize", course, "-o", "notes.txt/out"})) {
            CliHarness.Result r = cli.run(args);
            readsWell(r);
            assertThat(r.err()).as(r.toString()).contains("notes.txt");
        }
    }

    @Test
    @DisplayName("a file or folder that does not exist is named as missing, for every command that reads one")
    void missing() {
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        for (String[] args : List.of(new String[] {"validate", "nowhere"}, new String[] {"init", "nowhere", "ws2"},
                new String[] {"pack", "nowhere"}, new String[] {"guard", "nowhere"}, new String[] {"optimize", "nowhere"},
                new String[] {"upgrade", "nowhere", "-C", "ws"}, new String[] {"backup", "--remote", "nowhere", "-C", "ws"},
                new String[] {"quiz", "04_fizzbuzz", "--answers", "missing.json", "-C", "ws"},
                new String[] {"list", "-C", "nowhere"})) {
            CliHarness.Result r = cli.run(args);
            readsWell(r);
            assertThat(r.err()).as(r.toString()).containsPattern("nowhere|missing.json|locked");
        }
    }

    @Test
    @DisplayName("no container engine: one line per place looked, one fix per engine, Podman's and Docker's")
    void noEngine() throws IOException {
        assertThat(cli.run("init", CliHarness.example("java-basics").toString(), "ws").code()).isZero();
        // both engines set (docker.host, podman.host) to sockets where nothing listens: a setting wins over every
        // other place, so this holds on a machine whose engines run too
        cli.env.put("DOCKER_HOST", "unix://" + tmp.resolve("no-docker.sock"));
        cli.env.put("PODMAN_HOST", "unix://" + tmp.resolve("no-podman.sock"));

        CliHarness.Result r = cli.run("run", "--runner", "container", "-C", "ws");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.RUNNER_UNAVAILABLE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(0)).isEqualTo("error: no runner for docker-file courses can run here");
        assertThat(lines).filteredOn(l -> l.startsWith("    fix: ")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("    fix: ")).anyMatch(l -> l.contains("podman.socket"))
                .anyMatch(l -> l.contains("systemctl start docker"));
        assertThat(lines).anyMatch(l -> l.startsWith("    looked at docker.host = unix://" + tmp.resolve("no-docker.sock")))
                .anyMatch(l -> l.startsWith("    looked at podman.host = unix://" + tmp.resolve("no-podman.sock")));
        assertThat(lines.stream().filter(l -> l.startsWith("    looked at ")).count()).isGreaterThan(4);
        assertThat(lines).allMatch(l -> l.startsWith("error: ") || l.startsWith("  podman: ")
                || l.startsWith("  docker: ") || l.startsWith("    looked at ") || l.startsWith("    fix: "));
        assertThat(r.err()).doesNotContain("Exception", "java.");
    }
}
