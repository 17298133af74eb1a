package dev.progy.internal.host;

import dev.progy.ProgyException;
import dev.progy.ProviderDiscovery;
import dev.progy.UnsafePathException;
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
        return new RunnerSpec(s.id(), s.name(), s.type(), s.command(), s.args(), Optional.of(cwd), s.dockerfile(),
                s.imageTag(), s.networkAccess(), s.composeFile(), s.serviceToRun(), s.limits());
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
}
