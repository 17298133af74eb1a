package dev.progy.internal.host;

import dev.progy.error.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.error.UnsafePathException;
import dev.progy.model.Exercise;
import dev.progy.model.RunResult;
import dev.progy.model.RunResult.Status;
import dev.progy.model.RunResult.Termination;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.spi.ProviderConfig;
import dev.progy.spi.RunRequest;
import dev.progy.spi.Runner;
import dev.progy.spi.RunnerProvider;
import dev.progy.testkit.RunnerContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisabledOnOs(OS.WINDOWS)
class HostRunnerTest extends RunnerContract {

    private final HostRunnerProvider provider = new HostRunnerProvider();

    @Override
    protected Runner runner() {
        return provider.create(ProviderConfig.empty());
    }

    @Override
    protected RunnerSpec specFor(String script, RunnerSpec.Limits limits) {
        return processSpec("sh", List.of(script, "{{exercise}}"), limits);
    }

    private RunResult runSpec(RunnerSpec spec) throws IOException {
        writeWorkspace("echo \"args: $*\"\necho \"cwd: $(pwd)\"\n");
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner r = runner()) {
            return r.run(new RunRequest(course(hello), hello, spec, workspace, QUICK, Map.of()));
        }
    }

    private static RunnerSpec withCwd(RunnerSpec s, String cwd) {
        return s.toBuilder().cwd(cwd).build();
    }

    @Test
    @DisplayName("the provider is found by discovery as 'host', priority 10, for process runners only")
    void discovered() {
        assertThat(provider.id()).isEqualTo("host");
        assertThat(provider.priority()).isEqualTo(10);
        assertThat(provider.supports(RunnerType.PROCESS)).isTrue();
        assertThat(provider.supports(RunnerType.DOCKER_FILE)).isFalse();
        assertThat(provider.availability(ProviderConfig.empty()).usable()).isTrue();
        assertThat(ProviderDiscovery.using(ProviderConfig.empty()).all(RunnerProvider.class))
                .anyMatch(p -> p instanceof HostRunnerProvider);
        try (Runner r = ProviderDiscovery.using(ProviderConfig.of(Map.of("progy.runner", "host"))).runner(RunnerType.PROCESS)) {
            assertThat(r).isInstanceOf(HostRunner.class);
        }
    }

    @Test
    @DisplayName("{{dir}} and {{file}} are absolute paths into the workspace")
    void dirAndFileAbsolute() throws IOException {
        RunResult r = runSpec(processSpec("sh", List.of("runner/check.sh", "{{dir}}", "{{file}}", "{{id}}", "{{module}}"),
                RunnerSpec.Limits.DEFAULT));
        Path dir = workspace.toAbsolutePath().resolve("content/01_basics/01_hello");
        assertThat(r.output()).contains("args: " + dir + " " + dir.resolve("exercise.sh") + " 01_basics/01_hello 01_basics");
    }

    @Test
    @DisplayName("the runner's cwd is a folder inside the workspace, placeholders filled")
    void cwdInsideWorkspace() throws IOException {
        RunResult r = runSpec(withCwd(processSpec("sh", List.of("../../../runner/check.sh"), RunnerSpec.Limits.DEFAULT),
                "content/{{id}}"));
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.output()).contains("cwd: " + workspace.toRealPath().resolve("content/01_basics/01_hello"));
    }

    @Test
    @DisplayName("a cwd leading outside the workspace is refused as unsafe")
    void cwdOutsideRefused() throws IOException {
        Files.createDirectories(root.resolve("elsewhere"));
        assertThatThrownBy(() -> runSpec(withCwd(specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT), "../elsewhere")))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> {
            writeWorkspace("");
            Files.createSymbolicLink(workspace.resolve("link"), root.resolve("elsewhere"));
            runSpec(withCwd(specFor("runner/check.sh", RunnerSpec.Limits.DEFAULT), "link"));
        }).isInstanceOf(UnsafePathException.class).hasMessageContaining("link");
    }

    @Test
    @DisplayName("a command that does not exist is an error result telling the student to install it")
    void commandNotFound() throws IOException {
        RunResult r = runSpec(processSpec("progy-no-such-interpreter", List.of("x"), RunnerSpec.Limits.DEFAULT));
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.summary()).startsWith("progy-no-such-interpreter: command not found on PATH; install it");
    }

    @Test
    @DisplayName("a script that is not executable is an error result saying how to fix it")
    void scriptNotExecutable() throws IOException {
        RunResult r = runSpec(processSpec("runner/check.sh", List.of(), RunnerSpec.Limits.DEFAULT));
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.summary()).contains("not executable", "chmod +x runner/check.sh", "sh runner/check.sh");
    }

    @Test
    @DisplayName("an executable script runs directly, without a shell in between")
    void executableScript() throws IOException {
        writeWorkspace("");
        Path script = workspace.resolve("runner/direct.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1\"\n");
        script.toFile().setExecutable(true);
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner r = runner()) {
            RunResult result = r.run(new RunRequest(course(hello), hello,
                    processSpec("runner/direct.sh", List.of("a b; echo injected"), RunnerSpec.Limits.DEFAULT),
                    workspace, QUICK, Map.of()));
            assertThat(result.output()).isEqualTo("a b; echo injected\n");
        }
    }

    @Test
    @DisplayName("PROGY_OUTPUT_DIR is a fresh folder outside the workspace, removed after the run")
    void outputDirOutsideAndRemoved() throws IOException {
        RunResult r = run("echo \"$PROGY_OUTPUT_DIR\"\n", QUICK);
        Path outputDir = Path.of(r.output().strip());
        assertThat(outputDir).isAbsolute();
        assertThat(outputDir.startsWith(workspace.toAbsolutePath())).isFalse();
        assertThat(outputDir).doesNotExist();
    }

    @Test
    @DisplayName("an extra variable whose name looks like a secret is refused")
    void secretExtraRefused() {
        assertThatThrownBy(() -> run("env\n", QUICK, Map.of("GITHUB_TOKEN", "ghp_x"), new Recording()))
                .isInstanceOf(ProgyException.class).hasMessageContaining("GITHUB_TOKEN");
    }

    @Test
    @DisplayName("a container runner is refused with a pointer to the container runners")
    void containerRunnerRefused() throws IOException {
        assertThatThrownBy(() -> runSpec(spec(RunnerType.DOCKER_FILE, "sh", List.of(), RunnerSpec.Limits.DEFAULT)))
                .isInstanceOf(ProgyException.class).hasMessageContaining("process runners only");
    }

    @Test
    @DisplayName("a listener that throws stops the run, and its exception reaches the caller")
    void listenerFailureStopsRun() {
        String marker = marker();
        Recording throwing = new Recording() {
            @Override
            public void output(String chunk) {
                throw new IllegalStateException("screen gone");
            }
        };
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> run("echo hi\nsleep " + marker + "\n", QUICK, Map.of(), throwing))
                .isInstanceOf(IllegalStateException.class).hasMessage("screen gone");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(SLACK);
        assertThat(eventually(() -> !processWith(marker), SLACK)).isTrue();
    }

    @Test
    @DisplayName("without setsid, a timeout still kills the processes still in the run's tree")
    void withoutSetsid() throws IOException {
        String marker = marker();
        writeWorkspace("sleep " + marker + " &\nwait\n");
        Exercise hello = exercise("01_basics", "01_hello");
        try (Runner r = provider.create(ProviderConfig.of(Map.of("progy.host.setsid", "false")))) {
            RunResult result = r.run(new RunRequest(course(hello), hello, specFor("runner/check.sh",
                    RunnerSpec.Limits.DEFAULT), workspace, SHORT, Map.of()));
            assertThat(result.termination()).isEqualTo(Termination.TIMEOUT);
        }
        assertThat(eventually(() -> !processWith(marker), SLACK)).isTrue();
    }

    // ---- isolation with bubblewrap: each relaxation-free default tested with an attack ----

    /** The runner's isolation here; bubblewrap must work in CI, which installs it and sets PROGY_REQUIRE_TOOLS. */
    private static boolean isolated() {
        boolean isolated = HostRunnerProvider.isolation(ProviderConfig.empty()).isolated();
        assertThat(isolated || System.getenv("PROGY_REQUIRE_TOOLS") == null)
                .as("bubblewrap must work when PROGY_REQUIRE_TOOLS is set (Debian: bubblewrap): "
                        + HostRunnerProvider.isolation(ProviderConfig.empty()).note()).isTrue();
        org.junit.jupiter.api.Assumptions.assumeTrue(isolated, "bubblewrap is not installed here");
        return true;
    }

    @Test
    @DisplayName("isolated: course code cannot read another process's environment (the host's tokens) through /proc")
    void isolatedFromHostProcesses() throws Exception {
        isolated();
        String secret = "progy-secret-" + marker();
        ProcessBuilder holder = new ProcessBuilder("sleep", "60");
        holder.environment().put("PROGY_SYNC_TOKEN", secret);
        Process p = holder.start();
        try {
            RunResult r = run("cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | grep -c progy-secret-\n"
                    + "echo \"processes: $(ls -d /proc/[0-9]* | wc -l)\"\n"
                    + "cat /proc/" + p.pid() + "/environ 2>&1 | head -c 200; echo\n", QUICK);
            assertThat(r.output()).doesNotContain(secret);
            assertThat(r.output()).startsWith("0\n");
            assertThat(Integer.parseInt(r.output().replaceAll("(?s).*processes: (\\d+).*", "$1"))).isLessThan(10);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    @DisplayName("isolated: only the exercise's folder, the output folder, a private /tmp and a private HOME can be written")
    void isolatedWrites() throws IOException {
        isolated();
        Path outside = Files.createDirectories(root.resolve("outside"));
        String m = marker();
        Path home = Path.of(System.getProperty("user.home"));
        Path existing = home.resolve(".progy-isolation-" + m);
        Files.writeString(existing, "the student's own file\n");
        try {
            RunResult r = run(("touch \"$PWD/content/01_basics/01_hello/mine\" && echo exercise-ok\n"
                    + "touch \"$PROGY_OUTPUT_DIR/out\" && echo output-ok\n"
                    + "echo t > /tmp/t && echo tmp-ok\n"
                    + "echo cache > \"$HOME/new-%1$s\" && echo home-new-ok\n"
                    + "echo changed >> \"$HOME/.progy-isolation-%1$s\" 2>/dev/null && echo home-file-changed\n"
                    + "cat \"$HOME/.progy-isolation-%1$s\"\n"
                    + "touch \"$PWD/runner/evil\" 2>/dev/null && echo runner-written\n"
                    + "touch \"$PWD/course.json\" 2>/dev/null && echo course-written\n"
                    + "touch " + outside + "/evil 2>/dev/null && echo outside-written\n").formatted(m), QUICK);
            assertThat(r.output()).contains("exercise-ok", "output-ok", "tmp-ok", "home-new-ok",
                            "the student's own file")
                    .doesNotContain("runner-written", "course-written", "outside-written", "home-file-changed");
            assertThat(workspace.resolve("content/01_basics/01_hello/mine")).exists();
            assertThat(workspace.resolve("runner/evil")).doesNotExist();
            assertThat(outside.resolve("evil")).doesNotExist();
            assertThat(existing).hasContent("the student's own file");
            assertThat(home.resolve("new-" + m)).as("a file made in the private HOME stays out of the real one")
                    .doesNotExist();
        } finally {
            Files.deleteIfExists(existing);
            Files.deleteIfExists(home.resolve("new-" + m));
        }
    }

    @Test
    @DisplayName("isolated: the workspace's .progy folder (progress, solutions, settings) is hidden from course code")
    void isolatedProgyFolder() throws IOException {
        isolated();
        writeWorkspace("");
        Files.createDirectories(workspace.resolve(".progy"));
        Files.writeString(workspace.resolve(".progy/workspace.json"), "{\"secret\": \"s3cr3t\"}");
        RunResult r = run("cat .progy/workspace.json 2>&1; ls -a .progy\n", QUICK);
        assertThat(r.output()).doesNotContain("s3cr3t");
        assertThat(workspace.resolve(".progy/workspace.json")).hasContent("{\"secret\": \"s3cr3t\"}");
    }

    @Test
    @DisplayName("isolated: course code has no network, not even a server on the host's loopback")
    void isolatedNetwork() throws IOException {
        isolated();
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            RunResult r = run("python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", "
                    + server.getLocalPort() + "), 3); print(\"connected\")' 2>&1 | tail -1\n", QUICK);
            assertThat(r.output()).doesNotContain("connected\n").containsAnyOf("refused", "unreachable", "Error");
        }
    }

    @Test
    @DisplayName("isolated: root inside cannot undo the read-only mounts")
    void isolatedNoRemount() throws IOException {
        isolated();
        RunResult r = run("mount -o remount,rw / 2>/dev/null && echo remounted\n"
                + "touch \"$PWD/runner/after\" 2>/dev/null && echo written\n", QUICK);
        assertThat(r.output()).doesNotContain("remounted", "written");
    }

    @Test
    @DisplayName("without isolation, the provider says plainly that host runs are not isolated and how to fix it")
    void notIsolatedSaysSo() {
        List<String> notes = provider.notes(ProviderConfig.of(Map.of("progy.host.isolation", "none")));
        assertThat(notes).singleElement().asString()
                .contains("NOT isolated", "turned off", "remove that setting", "container runner");
        assertThat(HostIsolation.probe(Optional.empty()).note())
                .contains("NOT isolated", "bubblewrap (bwrap) is not installed", "install bubblewrap", "container runner");
    }
}
